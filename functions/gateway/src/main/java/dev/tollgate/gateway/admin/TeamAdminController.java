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

/**
 * {@code /team/*}: teams and their members (docs/admin-api.md). Master key only ({@link AdminOnly}); a
 * key's own team's {@code GET /team/info}: {@link SelfServiceController}.
 */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class TeamAdminController {
    private final AdminBodies bodies;
    private final TeamService teams;

    private final DirectoryService directory;

    TeamAdminController(AdminBodies bodies, TeamService teams, DirectoryService directory) {
        this.bodies = bodies;
        this.teams = teams;
        this.directory = directory;
    }

    /** LiteLLM's {@code GET /team/list}: every team, as an array; {@code user_id}: the teams it is a member of. */
    @Get("/team/list")
    public ArrayNode list(
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("organization_id") String organizationId,
            @Nullable @QueryValue("search") String search) {
        return directory.teams(new DirectoryService.Filter(userId, organizationId, search));
    }

    /** LiteLLM's paged {@code GET /v2/team/list}. */
    @Get("/v2/team/list")
    public ObjectNode listPaged(
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue("organization_id") String organizationId,
            @Nullable @QueryValue("team_alias") String teamAlias,
            @Nullable @QueryValue("search") String search,
            @Nullable @QueryValue("page") Integer page,
            @Nullable @QueryValue("page_size") Integer pageSize) {
        return directory.teamsPage(
                new DirectoryService.Filter(userId, organizationId, search), teamAlias, page, pageSize);
    }

    @Post(uri = "/team/new", consumes = MediaType.ALL)
    public ObjectNode create(@Nullable @Body byte[] body) {
        return teams.create(bodies.readOptional(body));
    }

    @Post(uri = "/team/update", consumes = MediaType.ALL)
    public ObjectNode update(@Nullable @Body byte[] body) {
        return teams.update(bodies.read(body));
    }

    @Post(uri = "/team/delete", consumes = MediaType.ALL)
    public ObjectNode delete(@Nullable @Body byte[] body) {
        return teams.delete(bodies.read(body));
    }

    @Post(uri = "/team/member_add", consumes = MediaType.ALL)
    public ObjectNode memberAdd(@Nullable @Body byte[] body) {
        return teams.memberAdd(bodies.read(body));
    }

    @Post(uri = "/team/member_update", consumes = MediaType.ALL)
    public ObjectNode memberUpdate(@Nullable @Body byte[] body) {
        return teams.memberUpdate(bodies.read(body));
    }

    @Post(uri = "/team/member_delete", consumes = MediaType.ALL)
    public ObjectNode memberDelete(@Nullable @Body byte[] body) {
        return teams.memberDelete(bodies.read(body));
    }
}
