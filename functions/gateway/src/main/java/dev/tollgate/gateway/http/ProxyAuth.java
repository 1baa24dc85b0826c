package dev.tollgate.gateway.http;

import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.identity.Authenticator;
import dev.tollgate.gateway.identity.Principal;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/** Authenticates a proxied request and remembers the principal and the caller on its {@link CallContext}. */
@Singleton
public class ProxyAuth {
    private final Authenticator authenticator;

    public ProxyAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public CallContext authenticate(HttpRequest<?> request) {
        CallContext call = GatewayHeadersFilter.callOf(request);
        Principal principal = authenticator.authenticate(PresentedKeys.presented(request));
        call.principal(principal);
        call.caller(Callers.of(request));
        return call;
    }
}
