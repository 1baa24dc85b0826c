package dev.tollgate.gateway.admin;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.ApiKeys;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds the records a request names. The record a request acts on and does not find is a 404
 * naming the field; a record it only refers to (the {@code user_id} of a new key) is a 400.
 */
final class Lookups {
    private Lookups() {}

    /**
     * The key named by its secret or by its hash ({@code token}, either case), as LiteLLM accepts either
     * ({@link ApiKeys#hashOf}). An old secret whose regeneration grace is over names no key.
     */
    static Optional<KeyRecord> key(IdentityStore store, String keyOrHash, Instant now) {
        String hash = ApiKeys.hashOf(keyOrHash);
        return current(store.key(hash), hash, now);
    }

    static KeyRecord requireKey(IdentityStore store, String keyOrHash, String field, Instant now) {
        return key(store, keyOrHash, now)
                .orElseThrow(() -> notFound("No key matches '" + field + "' " + ApiKeys.redact(keyOrHash), field));
    }

    static KeyRecord requireKeyByAlias(IdentityStore store, String alias, String field) {
        return store.keyByAlias(alias).orElseThrow(() -> notFound("No key has key_alias '" + alias + "'", field));
    }

    static UserRecord requireUser(IdentityStore store, String userId, String field) {
        return store.user(userId).orElseThrow(() -> notFound("User '" + userId + "' not found", field));
    }

    static TeamRecord requireTeam(IdentityStore store, String teamId, String field) {
        return store.team(teamId).orElseThrow(() -> notFound("Team '" + teamId + "' not found", field));
    }

    /** A user that a new or changed record refers to: 400 when it does not exist; null for a null id. */
    static UserRecord requireReferencedUser(IdentityStore store, String userId, String field) {
        if (userId == null) {
            return null;
        }
        return store.user(userId)
                .orElseThrow(() -> GatewayException.invalidRequest(
                        "Unknown user '" + userId + "' in '" + field + "': create the user first with POST /user/new",
                        field));
    }

    /** A team that a new or changed record refers to: 400 when it does not exist. */
    static void requireReferencedTeam(IdentityStore store, String teamId, String field) {
        if (teamId != null && store.team(teamId).isEmpty()) {
            throw GatewayException.invalidRequest(
                    "Unknown team '" + teamId + "' in '" + field + "': create the team first with POST /team/new",
                    field);
        }
    }

    static GatewayException notFound(String message, String field) {
        return new GatewayException(404, "invalid_request_error", message, field, "not_found");
    }

    private static Optional<KeyRecord> current(Optional<KeyRecord> found, String hash, Instant now) {
        return found.filter(k -> k.keyHash().equals(hash) || k.inGrace(hash, now));
    }
}
