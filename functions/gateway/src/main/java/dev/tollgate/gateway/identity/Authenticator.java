package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.errors.GatewayException;

/**
 * Turns the key a client presented into a {@link Principal}, or refuses it with a 401
 * {@link GatewayException}. The proxy depends on this interface only, so virtual keys replace the
 * master-key-only implementation without touching the request path.
 */
public interface Authenticator {
    Principal authenticate(String presentedKey);

    /**
     * The principal of the key with this SHA-256, checked exactly as {@link #authenticate} checks a
     * presented key (unknown, blocked, expired, a blocked user or team: refused). Dashboard sessions
     * ({@link SessionTokens}) name their key this way, never by its secret.
     */
    default Principal authenticateHash(String keyHash) {
        throw GatewayException.unauthorized("This gateway does not accept dashboard sessions.");
    }
}
