package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /tag/*}: tag budgets (docs/admin-api.md). Master key only. */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class TagAdminController {
    private final AdminBodies bodies;
    private final TagService tags;

    TagAdminController(AdminBodies bodies, TagService tags) {
        this.bodies = bodies;
        this.tags = tags;
    }

    @Post(uri = "/tag/new", consumes = MediaType.ALL)
    public ObjectNode create(@Nullable @Body byte[] body) {
        return tags.create(bodies.read(body));
    }

    @Post(uri = "/tag/update", consumes = MediaType.ALL)
    public ObjectNode update(@Nullable @Body byte[] body) {
        return tags.update(bodies.read(body));
    }

    @Post(uri = "/tag/delete", consumes = MediaType.ALL)
    public ObjectNode delete(@Nullable @Body byte[] body) {
        return tags.delete(bodies.read(body));
    }

    @Get("/tag/info")
    public ObjectNode info(@Nullable @QueryValue String name) {
        return tags.info(name);
    }

    /** LiteLLM's form: {@code {"names": [...]}} → a map of name to tag. */
    @Post(uri = "/tag/info", consumes = MediaType.ALL)
    public ObjectNode infoMany(@Nullable @Body byte[] body) {
        return tags.infoMany(bodies.read(body));
    }

    @Get("/tag/list")
    public ArrayNode list() {
        return tags.list();
    }
}
