package dev.tollgate.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.http.PresentedKeys;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.identity.Authenticator;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.SessionTokens;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The dashboard's sign-in (docs/dashboard.md): {@code POST /auth/login {"api_key"}} checks the key as
 * any call would and answers a short-lived signed session token, which the page keeps in memory and
 * sends as {@code Authorization: Bearer}; {@code GET /auth/session} says who a token stands for;
 * {@code POST /auth/logout} is the page forgetting it (sessions are not stored: they end at expiry).
 */
@Controller("/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {
    private final Authenticator authenticator;
    private final SessionTokens sessions;
    private final AdminAuth auth;
    private final RequestBodies bodies;

    public AuthController(Authenticator authenticator, SessionTokens sessions, AdminAuth auth, RequestBodies bodies) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.auth = auth;
        this.bodies = bodies;
    }

    @Post(uri = "/login", consumes = MediaType.ALL)
    public HttpResponse<ObjectNode> login(@Nullable @Body byte[] body) {
        JsonNode key = bodies.object(body).get("api_key");
        if (key == null || !key.isTextual() || key.asText().isBlank()) {
            throw GatewayException.invalidRequest("'api_key' is required: the master key or a virtual key", "api_key");
        }
        if (SessionTokens.isSession(key.asText())) {
            throw GatewayException.invalidRequest("'api_key' must be a key, not a session token", "api_key");
        }
        Principal principal = authenticator.authenticate(key.asText().trim());
        SessionTokens.Session session = sessions.issue(principal.keyHash(), principal.admin());
        ObjectNode answer =
                describe(principal, session).put("token", session.token()).put("token_type", "Bearer");
        return noStore(HttpResponse.ok(answer));
    }

    @Get("/session")
    public HttpResponse<ObjectNode> session(HttpRequest<?> request) {
        String presented = PresentedKeys.presented(request);
        if (!SessionTokens.isSession(presented)) {
            throw GatewayException.unauthorized("Send the dashboard session token, not a key.");
        }
        SessionTokens.Session session = sessions.verify(presented);
        return noStore(HttpResponse.ok(describe(auth.authenticate(request), session)));
    }

    @Post(uri = "/logout", consumes = MediaType.ALL)
    public HttpResponse<Void> logout() {
        return noStore(HttpResponse.noContent());
    }

    private static ObjectNode describe(Principal principal, SessionTokens.Session session) {
        ObjectNode out = JsonNodeFactory.instance
                .objectNode()
                .put("role", principal.admin() ? "admin" : "key")
                .put("key_alias", principal.alias())
                .put("token_hash", principal.keyHash())
                .put("user_id", principal.userId())
                .put("team_id", principal.teamId())
                .put("expires_at", session.expiresAt().toString());
        out.put("key_name", principal.key() == null ? null : principal.key().keyPrefix() + "...");
        return out;
    }

    private static <T> HttpResponse<T> noStore(io.micronaut.http.MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store");
    }
}
