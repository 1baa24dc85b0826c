package dev.tollgate.analytics.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** The answer of the admin APIs' deletes. */
public final class Deleted {
    private Deleted() {}

    /** {@code {"id": id, "deleted": true}}. */
    public static Map<String, Object> answer(String id) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("deleted", true);
        return answer;
    }
}
