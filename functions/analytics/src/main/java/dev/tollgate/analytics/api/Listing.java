package dev.tollgate.analytics.api;

import java.util.List;
import java.util.Map;

/** The answer of the admin APIs' lists. */
public final class Listing {
    private Listing() {}

    /** {@code {"data": [...], "total": n}}. */
    public static Map<String, Object> of(List<Map<String, Object>> data) {
        return Map.of("data", data, "total", data.size());
    }
}
