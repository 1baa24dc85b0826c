package dev.tollgate.gateway.proxy;

import dev.tollgate.gateway.identity.ApiKeys;
import dev.tollgate.gateway.identity.Authenticator;
import dev.tollgate.gateway.identity.Principal;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/** Authenticates a proxied request and remembers the principal on its {@link CallContext}. */
@Singleton
public class ProxyAuth {
    private final Authenticator authenticator;

    public ProxyAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public CallContext authenticate(HttpRequest<?> request) {
        CallContext call = CallContext.of(request);
        Principal principal = authenticator.authenticate(ApiKeys.presented(request));
        call.principal(principal);
        return call;
    }
}
