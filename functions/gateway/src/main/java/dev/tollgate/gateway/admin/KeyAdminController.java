package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.Principal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /key/*}: virtual keys (docs/admin-api.md). Master key only, except a key's own {@code /key/info}. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class KeyAdminController {
    private final AdminAuth auth;
    private final AdminBodies bodies;
    private final KeyService keys;

    KeyAdminController(AdminAuth auth, AdminBodies bodies, KeyService keys) {
        this.auth = auth;
        this.bodies = bodies;
        this.keys = keys;
    }

    @Post(uri = "/key/generate", consumes = MediaType.ALL)
    public ObjectNode generate(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return keys.generate(bodies.readOptional(body));
    }

    /**
     * The master key asks about any key ({@code ?key=} the key or its hash); a virtual key about itself,
     * with no parameter (LiteLLM's behaviour) or naming itself — how a client asks "how much is left?".
     */
    @Get("/key/info")
    public ObjectNode info(HttpRequest<?> request, @Nullable @QueryValue String key) {
        Principal caller = auth.authenticate(request);
        if (caller.admin()) {
            return keys.info(key);
        }
        if (caller.key() == null || (key != null && !key.isBlank() && !keys.isSelf(caller.key(), key))) {
            throw auth.forbidden(request);
        }
        return keys.self(caller.key(), key);
    }

    @Post(uri = "/key/update", consumes = MediaType.ALL)
    public ObjectNode update(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return keys.update(bodies.read(body));
    }

    @Post(uri = "/key/delete", consumes = MediaType.ALL)
    public ObjectNode delete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return keys.delete(bodies.read(body));
    }

    @Post(uri = "/key/block", consumes = MediaType.ALL)
    public ObjectNode block(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return keys.setBlocked(bodies.read(body), true);
    }

    @Post(uri = "/key/unblock", consumes = MediaType.ALL)
    public ObjectNode unblock(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return keys.setBlocked(bodies.read(body), false);
    }

    @Post(uri = "/key/regenerate", consumes = MediaType.ALL)
    public ObjectNode regenerate(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return keys.regenerate(bodies.read(body), null);
    }

    /** LiteLLM's other form: the key in the path, the body optional. */
    @Post(uri = "/key/{key}/regenerate", consumes = MediaType.ALL)
    public ObjectNode regenerateByPath(HttpRequest<?> request, @PathVariable String key, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return keys.regenerate(bodies.readOptional(body), key);
    }

    @Get("/key/list")
    public ObjectNode list(
            HttpRequest<?> request,
            @Nullable @QueryValue Integer page,
            @Nullable @QueryValue Integer size,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue("return_full_object") Boolean returnFullObject) {
        auth.requireAdmin(request);
        return keys.list(page, size, userId, teamId, Boolean.TRUE.equals(returnFullObject));
    }
}
