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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /user/*}: internal users (docs/admin-api.md). Master key only. */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class UserAdminController {
    private final AdminBodies bodies;
    private final UserService users;

    private final DirectoryService directory;

    UserAdminController(AdminBodies bodies, UserService users, DirectoryService directory) {
        this.bodies = bodies;
        this.users = users;
        this.directory = directory;
    }

    /** LiteLLM's {@code GET /user/list}: users by id, paged. */
    @Get("/user/list")
    public ObjectNode list(
            @Nullable @QueryValue("user_ids") String userIds,
            @Nullable @QueryValue("role") String role,
            @Nullable @QueryValue("team") String team,
            @Nullable @QueryValue("user_email") String userEmail,
            @Nullable @QueryValue("search") String search,
            @Nullable @QueryValue("page") Integer page,
            @Nullable @QueryValue("page_size") Integer pageSize) {
        return directory.usersPage(userIds, role, team, userEmail, search, page, pageSize);
    }

    @Post(uri = "/user/new", consumes = MediaType.ALL)
    public ObjectNode create(@Nullable @Body byte[] body) {
        return users.create(bodies.readOptional(body));
    }

    @Post(uri = "/user/update", consumes = MediaType.ALL)
    public ObjectNode update(@Nullable @Body byte[] body) {
        return users.update(bodies.read(body));
    }

    @Post(uri = "/user/delete", consumes = MediaType.ALL)
    public ObjectNode delete(@Nullable @Body byte[] body) {
        return users.delete(bodies.read(body));
    }

    @Get("/user/info")
    public ObjectNode info(@Nullable @QueryValue("user_id") String userId) {
        return users.info(userId);
    }
}
