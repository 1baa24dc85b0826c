package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.errors.GatewayException;

/**
 * The refusals of {@link VirtualKeyAuthenticator}. A key that is unknown, blocked, expired or past its
 * regeneration grace is not a valid credential: 401, like LiteLLM, with a {@code code} that says
 * which. A valid key whose user or team is blocked is a credential without permission: 403. A key
 * store that cannot be reached fails closed: 503.
 */
public final class IdentityErrors {
    private IdentityErrors() {}

    static GatewayException blocked(KeyRecord key) {
        return new GatewayException(
                401,
                "invalid_request_error",
                "This key is blocked" + (key.keyAlias() == null ? "" : " ('" + key.keyAlias() + "')")
                        + ". An admin can unblock it with POST /key/unblock.",
                null,
                "key_blocked");
    }

    static GatewayException expired(KeyRecord key) {
        return new GatewayException(
                401,
                "invalid_request_error",
                "This key expired at " + key.expires()
                        + ". An admin can extend it with POST /key/update {\"duration\": ...}.",
                null,
                "key_expired");
    }

    static GatewayException replaced() {
        return new GatewayException(
                401,
                "invalid_request_error",
                "This key was regenerated and its grace period is over; use the new key.",
                null,
                "key_regenerated");
    }

    /** The key store did not answer: fail closed (nothing goes upstream unauthenticated), retry soon. */
    static GatewayException storeUnavailable() {
        return new GatewayException(
                        503,
                        "service_unavailable_error",
                        "The key store is unavailable; the call was not sent. Retry shortly.",
                        null,
                        "storage_unavailable")
                .withHeader("Retry-After", "1");
    }

    static GatewayException userBlocked(String userId) {
        return new GatewayException(403, "permission_error", "User '" + userId + "' is blocked.", null, "user_blocked");
    }

    static GatewayException teamBlocked(String teamId) {
        return new GatewayException(403, "permission_error", "Team '" + teamId + "' is blocked.", null, "team_blocked");
    }
}
