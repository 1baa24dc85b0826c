package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.ApiKeys;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.KeySecrets;
import dev.tollgate.gateway.identity.UserRecord;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /key/*} operations, in LiteLLM's request and response shapes. */
@Singleton
@Requires(beans = IdentityStore.class)
class KeyService {
    static final int MAX_PAGE_SIZE = 100;
    private static final int MIN_CUSTOM_KEY_LENGTH = 20;

    private final AdminWrites writes;
    private final BudgetReport report;
    private final String masterKeyHash;

    KeyService(AdminWrites writes, BudgetReport report, @Value("${tollgate.master-key:}") String masterKey) {
        this.writes = writes;
        this.report = report;
        this.masterKeyHash = ApiKeys.sha256Hex(masterKey == null ? "" : masterKey);
    }

    /** {@code POST /key/generate}: a new key; its secret is in this response and nowhere else. */
    ObjectNode generate(AdminBody body) {
        body.allowOnly(Fields.KEY, Set.of("key", "duration"));
        ObjectNode fields = body.fields(Fields.KEY);
        String secret = body.has("key") ? customKey(body.requiredString("key"), "key") : KeySecrets.newKey();
        Duration duration = body.duration("duration");
        requireTeam(fields);
        Instant now = writes.now();
        ObjectNode tree = IdentityJson.object();
        tree.put("key_hash", ApiKeys.sha256Hex(secret));
        tree.put("key_prefix", KeySecrets.prefix(secret));
        tree.put("created_at", now.toString());
        tree.put("updated_at", now.toString());
        tree.put("expires", duration == null ? null : now.plus(duration).toString());
        tree.setAll(fields);
        KeyRecord key = IdentityJson.fromTree(tree, KeyRecord.class);
        writes.retrying(() -> {
            List<Change> changes = new ArrayList<>(List.of(new Change.Create(key)));
            String userId = fields.hasNonNull("user_id") ? fields.get("user_id").asText() : null;
            if (userId != null && store().user(userId).isEmpty()) {
                // as LiteLLM does: a key for a user not seen before creates that user, in the same transaction
                changes.add(new Change.Create(IdentityJson.fromTree(
                        IdentityJson.object()
                                .put("user_id", userId)
                                .put("created_at", now.toString())
                                .put("updated_at", now.toString()),
                        UserRecord.class)));
            }
            writes.apply(changes);
            return key;
        });
        return AdminViews.keyWithSecret(key, secret);
    }

    /** The stable id (budget counters and alerts name a key by it) of the key named by its secret or hash; 404 when none. */
    String keyId(String keyOrHash) {
        return Lookups.requireKey(store(), keyOrHash, "key", writes.now()).keyId();
    }

    /** {@code GET /key/info?key=}: {@code {"key": <as given>, "info": {...settings, spend, budgets}}}. */
    ObjectNode info(String keyOrHash) {
        if (keyOrHash == null || keyOrHash.isBlank()) {
            throw GatewayException.invalidRequest("'key' is required: the key or its hash (token)", "key");
        }
        KeyRecord key = Lookups.requireKey(store(), keyOrHash, "key", writes.now());
        ObjectNode out = IdentityJson.object();
        out.put("key", keyOrHash);
        out.set(
                "info",
                report.attachModels(
                        report.attach(AdminViews.key(key), BudgetLimits.forKey(key)), BudgetLimits.forKeyModels(key)));
        return out;
    }

    /** Whether {@code keyOrHash} (a key, its hash or its key id, as given; {@link ApiKeys#hashOf}) names {@code key} itself. */
    boolean isSelf(KeyRecord key, String keyOrHash) {
        String hash = ApiKeys.hashOf(keyOrHash);
        return hash.equals(key.keyHash()) || hash.equals(key.keyId());
    }

    /** A virtual key's own {@code /key/info}: the same shape, read fresh from the store. */
    ObjectNode self(KeyRecord caller, String asGiven) {
        KeyRecord key = Lookups.requireKey(store(), caller.keyHash(), "key", writes.now());
        ObjectNode out = IdentityJson.object();
        out.put("key", asGiven == null || asGiven.isBlank() ? key.keyHash() : asGiven);
        out.set(
                "info",
                report.attachModels(
                        report.attach(AdminViews.key(key), BudgetLimits.forKey(key)), BudgetLimits.forKeyModels(key)));
        return out;
    }

    /** {@code POST /key/update}: changes the fields given; {@code duration} sets a new expiry from now. */
    ObjectNode update(AdminBody body) {
        body.allowOnly(Fields.KEY, Set.of("key", "duration"));
        String keyOrHash = body.requiredString("key");
        ObjectNode fields = body.fields(Fields.KEY);
        Duration duration = body.duration("duration");
        requireOwners(fields);
        KeyRecord updated = writes.retrying(() -> {
            Instant now = writes.now();
            KeyRecord current = Lookups.requireKey(store(), keyOrHash, "key", now);
            ObjectNode changes = fields.deepCopy();
            changes.put("updated_at", now.toString());
            if (body.has("duration")) {
                changes.put(
                        "expires", duration == null ? null : now.plus(duration).toString());
            }
            KeyRecord next = IdentityJson.with(current, changes);
            writes.apply(new Change.Replace(current, next));
            return next;
        });
        return AdminViews.key(updated);
    }

    /** {@code POST /key/block} and {@code /key/unblock}: {@code {"key": ...}} → the key. */
    ObjectNode setBlocked(AdminBody body, boolean blocked) {
        body.allowOnly(Map.of(), Set.of("key"));
        String keyOrHash = body.requiredString("key");
        KeyRecord updated = writes.retrying(() -> {
            Instant now = writes.now();
            KeyRecord current = Lookups.requireKey(store(), keyOrHash, "key", now);
            ObjectNode changes = IdentityJson.object().put("blocked", blocked).put("updated_at", now.toString());
            KeyRecord next = IdentityJson.with(current, changes);
            writes.apply(new Change.Replace(current, next));
            return next;
        });
        return AdminViews.key(updated);
    }

    /**
     * {@code POST /key/delete}: {@code {"keys": [key or hash…]}} and/or {@code {"key_aliases": […]}}
     * → {@code {"deleted_keys": [as given…]}}. Every name is checked first (404 naming the first that
     * matches no key, nothing deleted); then the keys go in transactions of 25.
     */
    ObjectNode delete(AdminBody body) {
        body.allowOnly(Map.of(), Set.of("keys", "key_aliases"));
        List<String> given = body.strings("keys");
        List<String> aliases = body.strings("key_aliases");
        if (given.isEmpty() && aliases.isEmpty()) {
            throw GatewayException.invalidRequest(
                    "Name the keys to delete in 'keys' (keys or hashes) or 'key_aliases'", "keys");
        }
        Map<String, KeyRecord> byHash = new LinkedHashMap<>();
        for (int i = 0; i < given.size(); i++) {
            KeyRecord k = Lookups.requireKey(store(), given.get(i), "keys[" + i + "]", writes.now());
            byHash.put(k.keyHash(), k);
        }
        for (int i = 0; i < aliases.size(); i++) {
            KeyRecord k = Lookups.requireKeyByAlias(store(), aliases.get(i), "key_aliases[" + i + "]");
            byHash.put(k.keyHash(), k);
        }
        writes.deleteKeys(new ArrayList<>(byHash.values()));
        ObjectNode out = IdentityJson.object();
        ArrayNode deleted = out.putArray("deleted_keys");
        given.forEach(deleted::add);
        aliases.forEach(deleted::add);
        return out;
    }

    /**
     * {@code POST /key/regenerate}: a new secret for the same key (same settings, budgets and spend).
     * With {@code grace_period} the old secret keeps working until then; without, it stops at once.
     * Any setting of {@code /key/update} may change at the same time.
     */
    ObjectNode regenerate(AdminBody body, String pathKey) {
        body.allowOnly(Fields.KEY, Set.of("key", "new_key", "grace_period", "duration"));
        String keyOrHash = pathKey != null ? pathKey : body.requiredString("key");
        ObjectNode fields = body.fields(Fields.KEY);
        String secret =
                body.has("new_key") ? customKey(body.requiredString("new_key"), "new_key") : KeySecrets.newKey();
        Duration grace = body.duration("grace_period");
        Duration duration = body.duration("duration");
        requireOwners(fields);
        KeyRecord next = writes.retrying(() -> {
            Instant now = writes.now();
            KeyRecord current = Lookups.requireKey(store(), keyOrHash, "key", now);
            String hash = ApiKeys.sha256Hex(secret);
            if (hash.equals(current.keyHash()) || hash.equals(current.previousKeyHash())) {
                throw GatewayException.invalidRequest(
                        "'new_key' must differ from the key's current and previous secret", "new_key");
            }
            boolean withGrace = grace != null && !grace.isZero();
            ObjectNode changes = fields.deepCopy();
            changes.put("key_hash", hash);
            changes.put("key_prefix", KeySecrets.prefix(secret));
            changes.put("updated_at", now.toString());
            changes.put("previous_key_hash", withGrace ? current.keyHash() : null);
            changes.put("previous_key_expires", withGrace ? now.plus(grace).toString() : null);
            if (body.has("duration")) {
                changes.put(
                        "expires", duration == null ? null : now.plus(duration).toString());
            }
            KeyRecord regenerated = IdentityJson.with(current, changes);
            writes.apply(new Change.Replace(current, regenerated));
            return regenerated;
        });
        return AdminViews.keyWithSecret(next, secret);
    }

    /**
     * {@code GET /key/list}: {@code {"keys": [hash…], "total_count", "current_page", "total_pages"}},
     * newest first; with {@code return_full_object=true} the keys are full objects (never secrets).
     */
    ObjectNode list(Integer page, Integer size, String userId, String teamId, boolean fullObjects) {
        int p = page == null ? 1 : page;
        int s = size == null ? 10 : size;
        if (p < 1) {
            throw GatewayException.invalidRequest("'page' must be 1 or more", "page");
        }
        if (s < 1 || s > MAX_PAGE_SIZE) {
            throw GatewayException.invalidRequest("'size' must be between 1 and " + MAX_PAGE_SIZE, "size");
        }
        IdentityStore.KeyPage result = store().keys(new IdentityStore.KeyQuery(userId, teamId), p, s);
        ObjectNode out = IdentityJson.object();
        ArrayNode keys = out.putArray("keys");
        result.keys().forEach(k -> {
            if (fullObjects) {
                keys.add(AdminViews.key(k));
            } else {
                keys.add(k.keyHash());
            }
        });
        out.put("total_count", result.totalCount());
        out.put("current_page", p);
        out.put("total_pages", (result.totalCount() + s - 1) / s);
        return out;
    }

    /** Keys of a user or team, for the user and team info responses. */
    List<ObjectNode> keysOf(IdentityStore.KeyQuery query) {
        List<ObjectNode> views = new ArrayList<>();
        store().keys(query, 1, Integer.MAX_VALUE).keys().forEach(k -> views.add(AdminViews.key(k)));
        return views;
    }

    /** On a new key: its team must exist (a missing user is created with the key). */
    private void requireTeam(ObjectNode fields) {
        if (fields.hasNonNull("team_id")) {
            Lookups.requireReferencedTeam(store(), fields.get("team_id").asText(), "team_id");
        }
    }

    private void requireOwners(ObjectNode fields) {
        if (fields.hasNonNull("user_id")) {
            Lookups.requireReferencedUser(store(), fields.get("user_id").asText(), "user_id");
        }
        if (fields.hasNonNull("team_id")) {
            Lookups.requireReferencedTeam(store(), fields.get("team_id").asText(), "team_id");
        }
    }

    private String customKey(String key, String field) {
        if (!key.startsWith("sk-") || key.length() < MIN_CUSTOM_KEY_LENGTH) {
            throw GatewayException.invalidRequest(
                    "'" + field + "' must start with 'sk-' and be at least " + MIN_CUSTOM_KEY_LENGTH
                            + " characters long",
                    field);
        }
        if (ApiKeys.sha256Hex(key).equals(masterKeyHash)) {
            throw GatewayException.invalidRequest("'" + field + "' must not be the master key", field);
        }
        return key;
    }

    private IdentityStore store() {
        return writes.store();
    }
}
