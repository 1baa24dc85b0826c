package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.Authenticator;
import dev.tollgate.gateway.identity.Principal;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The admin API's gate: the master key only. No key → 401; an invalid, blocked or expired key →
 * the authenticator's 401; a valid virtual key → 403 {@code permission_error}.
 */
@Singleton
public class AdminAuth {
    private final Authenticator authenticator;

    public AdminAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** The admin principal, or the refusal. */
    public Principal requireAdmin(HttpRequest<?> request) {
        Principal principal = authenticate(request);
        if (!principal.admin()) {
            throw forbidden(request);
        }
        return principal;
    }

    /** Whoever presented a valid key (master or virtual), or the authenticator's 401. */
    public Principal authenticate(HttpRequest<?> request) {
        return authenticator.authenticate(PresentedKeys.presented(request));
    }

    /** The 403 of a virtual key on a master-key route. */
    public GatewayException forbidden(HttpRequest<?> request) {
        return GatewayException.forbidden("Only the master key may call " + request.getMethodName() + " "
                + request.getPath() + "; this key is a virtual key.");
    }
}
