package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.TeamMember;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Team membership lives on both sides, the team's {@code members_with_roles} and the user's
 * {@code teams}, and every change writes both in one batch so they never disagree.
 */
final class Memberships {
    /** LiteLLM's team roles. */
    static final List<String> ROLES = List.of("admin", "user");

    private Memberships() {}

    /** A member from a validated request object ({@code user_id}, {@code role}, {@code max_budget_in_team}…). */
    static TeamMember member(AdminBody member, ObjectNode defaults) {
        member.allowOnly(Fields.MEMBER, Set.of("user_id"));
        member.oneOf("role", ROLES);
        ObjectNode tree = defaults.deepCopy();
        tree.put("user_id", member.requiredString("user_id"));
        tree.setAll(member.fields(Fields.MEMBER));
        return IdentityJson.convert(tree, TeamMember.class);
    }

    /** The team with its member list replaced. */
    static TeamRecord withMembers(TeamRecord team, List<TeamMember> members, Instant now) {
        ObjectNode changes = IdentityJson.object();
        changes.set("members_with_roles", IdentityJson.toTree(members));
        changes.put("updated_at", now.toString());
        return IdentityJson.with(team, changes);
    }

    /** The change adding or removing {@code teamId} in the user's {@code teams}; null when nothing changes. */
    static Change userTeams(UserRecord user, String teamId, boolean member, Instant now) {
        List<String> teams = new ArrayList<>(user.teams());
        boolean changed = member ? !teams.contains(teamId) && teams.add(teamId) : teams.remove(teamId);
        if (!changed) {
            return null;
        }
        ObjectNode changes = IdentityJson.object();
        ArrayNode list = changes.putArray("teams");
        teams.forEach(list::add);
        changes.put("updated_at", now.toString());
        return new Change.Replace(user, IdentityJson.with(user, changes));
    }
}
