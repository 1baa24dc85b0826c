package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code /team/*}: teams and their members (docs/admin-api.md). Master key only. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class TeamAdminController {
    private final AdminAuth auth;
    private final AdminBodies bodies;
    private final TeamService teams;

    private final DirectoryService directory;

    TeamAdminController(AdminAuth auth, AdminBodies bodies, TeamService teams, DirectoryService directory) {
        this.auth = auth;
        this.bodies = bodies;
        this.teams = teams;
        this.directory = directory;
    }

    /** LiteLLM's {@code GET /team/list}: every team, as an array; {@code user_id}: the teams it is a member of. */
    @Get("/team/list")
    public ArrayNode list(
            HttpRequest<?> request,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("organization_id") String organizationId,
            @Nullable @QueryValue("search") String search) {
        auth.requireAdmin(request);
        return directory.teams(new DirectoryService.Filter(userId, organizationId, search));
    }

    /** LiteLLM's paged {@code GET /v2/team/list}. */
    @Get("/v2/team/list")
    public ObjectNode listPaged(
            HttpRequest<?> request,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("organization_id") String organizationId,
            @Nullable @QueryValue("team_alias") String teamAlias,
            @Nullable @QueryValue("search") String search,
            @Nullable @QueryValue("page") Integer page,
            @Nullable @QueryValue("page_size") Integer pageSize) {
        auth.requireAdmin(request);
        return directory.teamsPage(
                new DirectoryService.Filter(userId, organizationId, search), teamAlias, page, pageSize);
    }

    @Post(uri = "/team/new", consumes = MediaType.ALL)
    public ObjectNode create(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return teams.create(bodies.readOptional(body));
    }

    @Post(uri = "/team/update", consumes = MediaType.ALL)
    public ObjectNode update(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return teams.update(bodies.read(body));
    }

    @Post(uri = "/team/delete", consumes = MediaType.ALL)
    public ObjectNode delete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return teams.delete(bodies.read(body));
    }

    @Get("/team/info")
    public ObjectNode info(HttpRequest<?> request, @Nullable @QueryValue("team_id") String teamId) {
        Principal caller = auth.authenticate(request);
        if (caller.admin()) {
            return teams.info(teamId);
        }
        // A virtual key sees its own team, as it sees its own /key/info: budgets and spend, not the
        // other members' keys or figures.
        if (caller.teamId() == null || (teamId != null && !teamId.isBlank() && !teamId.equals(caller.teamId()))) {
            throw auth.forbidden(request);
        }
        return teams.infoForMember(caller.teamId(), caller.userId());
    }

    @Post(uri = "/team/member_add", consumes = MediaType.ALL)
    public ObjectNode memberAdd(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return teams.memberAdd(bodies.read(body));
    }

    @Post(uri = "/team/member_update", consumes = MediaType.ALL)
    public ObjectNode memberUpdate(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return teams.memberUpdate(bodies.read(body));
    }

    @Post(uri = "/team/member_delete", consumes = MediaType.ALL)
    public ObjectNode memberDelete(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.requireAdmin(request);
        return teams.memberDelete(bodies.read(body));
    }
}
