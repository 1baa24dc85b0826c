package dev.tollgate.gateway.identity;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item shapes of identity records in the single table (docs/architecture.md §3). Every record item
 * is {@code pk = <PREFIX>#<id>}, {@code sk = META}, the record as JSON in {@code record}, and
 * {@code gsi1pk = <KIND>S} / {@code gsi1sk} so each kind can be listed through {@code gsi1}. Key
 * items also carry {@code user_id}, {@code team_id} and {@code key_alias} to filter lists on; two
 * helper items exist for keys only: {@code KEYALIAS#<alias>} (makes aliases unique, finds a key by
 * alias) and, after a regeneration, a pointer under the old hash ({@code replaced_by}) with a TTL.
 */
final class IdentityItems {
    static final String META = "META";
    static final String RECORD = "record";
    static final String TYPE = "type";
    static final String KEY_HASH = "key_hash";
    static final String REPLACED_BY = "replaced_by";
    static final String REDIRECT_TYPE = "key_redirect";
    static final String KEYS_PARTITION = "KEYS";
    static final String TAGS_PARTITION = "TAGS";
    static final String TEAMS_PARTITION = "TEAMS";
    static final String USERS_PARTITION = "USERS";
    /** Redirects outlive their grace by a day before DynamoDB's TTL may remove them; reads check the time anyway. */
    static final long REDIRECT_TTL_MARGIN_SECONDS = 86_400;

    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IdentityItems() {}

    /** The partition-key prefix of a record type. */
    static String prefix(Class<? extends Identity> type) {
        if (type == KeyRecord.class) {
            return "KEY";
        } else if (type == UserRecord.class) {
            return "USER";
        } else if (type == TeamRecord.class) {
            return "TEAM";
        } else if (type == EndUserRecord.class) {
            return "ENDUSER";
        }
        return "TAG";
    }

    static Map<String, AttributeValue> key(Class<? extends Identity> type, String id) {
        return key(prefix(type) + "#" + id);
    }

    static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk), "sk", s(META));
    }

    static Map<String, AttributeValue> aliasKey(String alias) {
        return key("KEYALIAS#" + alias);
    }

    /** The full item of a record. */
    static Map<String, AttributeValue> item(Identity record) {
        Map<String, AttributeValue> item = new HashMap<>(key(record.getClass(), record.id()));
        item.put(TYPE, s(prefix(record.getClass()).toLowerCase(Locale.ROOT)));
        item.put(RECORD, s(IdentityJson.write(record)));
        item.put("gsi1pk", s(prefix(record.getClass()) + "S"));
        if (record instanceof KeyRecord key) {
            item.put("gsi1sk", s(sortKey(key)));
            putIfSet(item, "user_id", key.userId());
            putIfSet(item, "team_id", key.teamId());
            putIfSet(item, "key_alias", key.keyAlias());
        } else {
            item.put("gsi1sk", s(record.id()));
        }
        return item;
    }

    /** The pointer left under a regenerated key's old hash until its grace period ends. */
    static Map<String, AttributeValue> redirect(String oldHash, KeyRecord next) {
        Map<String, AttributeValue> item = new HashMap<>(key(KeyRecord.class, oldHash));
        item.put(TYPE, s(REDIRECT_TYPE));
        item.put(REPLACED_BY, s(next.keyHash()));
        item.put(
                "ttl",
                AttributeValue.fromN(
                        Long.toString(next.previousKeyExpires().getEpochSecond() + REDIRECT_TTL_MARGIN_SECONDS)));
        return item;
    }

    static Map<String, AttributeValue> alias(String alias, String keyHash) {
        Map<String, AttributeValue> item = new HashMap<>(aliasKey(alias));
        item.put(TYPE, s("key_alias"));
        item.put(KEY_HASH, s(keyHash));
        return item;
    }

    /**
     * The list order of keys: creation time to the millisecond in a fixed-width form (so string order
     * is time order), then the key id so equal times stay distinct and stable across regeneration.
     */
    static String sortKey(KeyRecord key) {
        Instant created = key.createdAt() == null ? Instant.EPOCH : key.createdAt();
        return SORTABLE.format(created) + "#" + key.keyId();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static void putIfSet(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }
}
