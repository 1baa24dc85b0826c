package dev.tollgate.gateway.spendlog;

import dev.tollgate.gateway.storage.TableDefinition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How recent spend-log items are found in DynamoDB (until their TTL; S3 + Athena hold the long
 * history): on {@code gsi1}, one partition per UTC day ({@code LOGS#2026-11-23}) sorted by start time
 * ({@code 2026-11-23T10:15:00.120Z#<request id>}), and top-level attributes the spend endpoints filter on.
 * Tags are stored as {@code |a|b|} so {@code contains(tags, "|a|")} matches one tag exactly.
 */
public final class SpendLogIndex {
    public static final String PARTITION_PREFIX = "LOGS#";
    public static final String KEY = "key_hash";
    public static final String USER = "user_id";
    public static final String TEAM = "team_id";
    public static final String END_USER = "end_user";
    public static final String MODEL = "model";
    public static final String TAGS = "tags";
    public static final String CLIENT = "client";
    public static final String SESSION = "session_id";

    private SpendLogIndex() {}

    /** The extra attributes of a record's log item. */
    public static Map<String, String> attributes(SpendLogRecord r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put(TableDefinition.GSI1_PK, partition(r.startTime()));
        a.put(TableDefinition.GSI1_SK, SpendLogJson.formatTime(r.startTime()) + "#" + r.requestId());
        put(a, KEY, r.keyHash());
        put(a, USER, r.userId());
        put(a, TEAM, r.teamId());
        put(a, END_USER, r.endUser());
        put(a, MODEL, r.model() != null ? r.model() : r.requestedModel());
        put(a, CLIENT, r.client());
        put(a, SESSION, r.sessionId());
        if (r.tags() != null && !r.tags().isEmpty()) {
            a.put(TAGS, "|" + String.join("|", r.tags()) + "|");
        }
        return a;
    }

    /** The gsi1 partition holding the logs of the UTC day of {@code time}. */
    public static String partition(Instant time) {
        return PARTITION_PREFIX + time.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static void put(Map<String, String> a, String name, String value) {
        if (value != null && !value.isBlank()) {
            a.put(name, value);
        }
    }
}
