package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.Authenticator;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.SessionTokens;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The admin API's key check: the master key only. No key → 401; an invalid, blocked or expired key →
 * the authenticator's 401; a valid virtual key → 403 {@code permission_error}. {@link AdminGate} applies it
 * to every {@link AdminOnly} route; the routes a virtual key may call about itself use {@link #authenticate}
 * and {@link #forbidden} and decide.
 *
 * <p>The dashboard's session tokens ({@link SessionTokens}) are accepted here, in place of the key
 * they stand for, and only here: the admin API and the read-only routes that use this gate take them,
 * the model-calling {@code /v1} routes ({@link ProxyAuth}) do not.
 */
@Singleton
public class AdminAuth {
    private final Authenticator authenticator;
    private final SessionTokens sessions;

    public AdminAuth(Authenticator authenticator, SessionTokens sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    /** The admin principal, or the refusal. Only {@link AdminGate} asks: routes are {@link AdminOnly} instead. */
    Principal requireAdmin(HttpRequest<?> request) {
        Principal principal = authenticate(request);
        if (!principal.admin()) {
            throw forbidden(request);
        }
        return principal;
    }

    /** Whoever presented a valid key (master or virtual), or the authenticator's 401. */
    public Principal authenticate(HttpRequest<?> request) {
        String presented = PresentedKeys.presented(request);
        if (SessionTokens.isSession(presented)) {
            return authenticator.authenticateHash(sessions.verify(presented).keyHash());
        }
        return authenticator.authenticate(presented);
    }

    /** The 403 of a virtual key on a master-key route. */
    public GatewayException forbidden(HttpRequest<?> request) {
        return GatewayException.forbidden("Only the master key may call " + request.getMethodName() + " "
                + request.getPath() + "; this key is a virtual key.");
    }
}
