package dev.tollgate.gateway.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** Records for tests, built the way the admin API builds them: a JSON tree with the stored names. */
public final class TestRecords {
    public static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final ObjectMapper PARSER = new ObjectMapper();

    private TestRecords() {}

    /** A key for {@code secret}, created at {@code created}, with extra fields as JSON (may be "{}"). */
    public static KeyRecord key(String secret, Instant created, String json) {
        ObjectNode tree = object(json);
        tree.put("key_hash", ApiKeys.sha256Hex(secret));
        tree.put("key_prefix", KeySecrets.prefix(secret));
        tree.put("created_at", created.toString());
        return IdentityJson.fromTree(tree, KeyRecord.class);
    }

    public static KeyRecord key(String secret, String json) {
        return key(secret, T0, json);
    }

    public static UserRecord user(String id, String json) {
        return IdentityJson.fromTree(object(json).put("user_id", id), UserRecord.class);
    }

    public static TeamRecord team(String id, String json) {
        return IdentityJson.fromTree(object(json).put("team_id", id), TeamRecord.class);
    }

    public static EndUserRecord endUser(String id, String json) {
        return IdentityJson.fromTree(object(json).put("user_id", id), EndUserRecord.class);
    }

    public static TagRecord tag(String name, String json) {
        return IdentityJson.fromTree(object(json).put("name", name), TagRecord.class);
    }

    /** {@code record} with the fields of {@code json} replaced. */
    public static <T extends Identity> T with(T record, String json) {
        return IdentityJson.with(record, object(json));
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) PARSER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
