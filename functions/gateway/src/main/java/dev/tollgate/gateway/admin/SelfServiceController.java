package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.Principal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The admin API's two reads a virtual key may make about itself (docs/admin-api.md): {@code GET /key/info}
 * and {@code GET /team/info}. The master key reads any key or team; a virtual key its own, and anything else
 * is 403. Not {@code @AdminOnly}, unlike the rest of {@code /key/*} and {@code /team/*}: each route decides.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = IdentityStore.class)
public class SelfServiceController {
    private final AdminAuth auth;
    private final KeyService keys;
    private final TeamService teams;

    SelfServiceController(AdminAuth auth, KeyService keys, TeamService teams) {
        this.auth = auth;
        this.keys = keys;
        this.teams = teams;
    }

    /**
     * The master key asks about any key ({@code ?key=} the key or its hash); a virtual key about itself,
     * with no parameter (LiteLLM's behaviour) or naming itself — how a client asks "how much is left?".
     */
    @Get("/key/info")
    public ObjectNode keyInfo(HttpRequest<?> request, @Nullable @QueryValue String key) {
        Principal caller = auth.authenticate(request);
        if (caller.admin()) {
            return keys.info(key);
        }
        if (caller.key() == null || (key != null && !key.isBlank() && !keys.isSelf(caller.key(), key))) {
            throw auth.forbidden(request);
        }
        return keys.self(caller.key(), key);
    }

    @Get("/team/info")
    public ObjectNode teamInfo(HttpRequest<?> request, @Nullable @QueryValue("team_id") String teamId) {
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
}
