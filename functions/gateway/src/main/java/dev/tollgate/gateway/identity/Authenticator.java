package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.errors.GatewayException;

/**
 * Turns the key a client presented into a {@link Principal}, or refuses it with a 401
 * {@link GatewayException}. The proxy depends on this interface only, so virtual keys replace the
 * master-key-only implementation without touching the request path.
 */
public interface Authenticator {
    Principal authenticate(String presentedKey);
}
