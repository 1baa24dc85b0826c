package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code /key/*}: virtual keys (docs/admin-api.md). Master key only ({@link AdminOnly}); a key's own
 * {@code GET /key/info}: {@link SelfServiceController}.
 */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class KeyAdminController {
    private final AdminBodies bodies;
    private final KeyService keys;

    KeyAdminController(AdminBodies bodies, KeyService keys) {
        this.bodies = bodies;
        this.keys = keys;
    }

    @Post(uri = "/key/generate", consumes = MediaType.ALL)
    public ObjectNode generate(@Nullable @Body byte[] body) {
        return keys.generate(bodies.readOptional(body));
    }

    @Post(uri = "/key/update", consumes = MediaType.ALL)
    public ObjectNode update(@Nullable @Body byte[] body) {
        return keys.update(bodies.read(body));
    }

    @Post(uri = "/key/delete", consumes = MediaType.ALL)
    public ObjectNode delete(@Nullable @Body byte[] body) {
        return keys.delete(bodies.read(body));
    }

    @Post(uri = "/key/block", consumes = MediaType.ALL)
    public ObjectNode block(@Nullable @Body byte[] body) {
        return keys.setBlocked(bodies.read(body), true);
    }

    @Post(uri = "/key/unblock", consumes = MediaType.ALL)
    public ObjectNode unblock(@Nullable @Body byte[] body) {
        return keys.setBlocked(bodies.read(body), false);
    }

    @Post(uri = "/key/regenerate", consumes = MediaType.ALL)
    public ObjectNode regenerate(@Nullable @Body byte[] body) {
        return keys.regenerate(bodies.read(body), null);
    }

    /** LiteLLM's other form: the key in the path, the body optional. */
    @Post(uri = "/key/{key}/regenerate", consumes = MediaType.ALL)
    public ObjectNode regenerateByPath(@PathVariable String key, @Nullable @Body byte[] body) {
        return keys.regenerate(bodies.readOptional(body), key);
    }

    @Get("/key/list")
    public ObjectNode list(
            @Nullable @QueryValue Integer page,
            @Nullable @QueryValue Integer size,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue("return_full_object") Boolean returnFullObject) {
        return keys.list(page, size, userId, teamId, Boolean.TRUE.equals(returnFullObject));
    }
}
