package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.identity.IdentityStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /user/*}: internal users (docs/admin-api.md). Master key only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class UserAdminController {
    private final AdminAuth auth;
    private final AdminBodies bodies;
    private final UserService users;

    private final DirectoryService directory;

    UserAdminController(AdminAuth auth, AdminBodies bodies, UserService users, DirectoryService directory) {
        this.auth = auth;
        this.bodies = bodies;
        this.users = users;
        this.directory = directory;
    }

    /** LiteLLM's {@code GET /user/list}: users by id, paged. */
    @Get("/user/list")
    public ObjectNode list(
            HttpRequest<?> request,
            @Nullable @QueryValue("user_ids") String userIds,
            @Nullable @QueryValue("role") String role,
            @Nullable @QueryValue("team") String team,
            @Nullable @QueryValue("user_email") String userEmail,
            @Nullable @QueryValue("search") String search,
            @Nullable @QueryValue("page") Integer page,
            @Nullable @QueryValue("page_size") Integer pageSize) {
        auth.requireAdmin(request);
        return directory.usersPage(userIds, role, team, userEmail, search, page, pageSize);
    }

    @Post(uri = "/user/new", consumes = MediaType.ALL)
    public ObjectNode create(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return users.create(bodies.readOptional(body));
    }

    @Post(uri = "/user/update", consumes = MediaType.ALL)
    public ObjectNode update(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return users.update(bodies.read(body));
    }

    @Post(uri = "/user/delete", consumes = MediaType.ALL)
    public ObjectNode delete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return users.delete(bodies.read(body));
    }

    @Get("/user/info")
    public ObjectNode info(HttpRequest<?> request, @Nullable @QueryValue("user_id") String userId) {
        auth.requireAdmin(request);
        return users.info(userId);
    }
}
