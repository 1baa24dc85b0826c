package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.TeamMember;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The {@code /team/*} operations, in LiteLLM's request and response shapes. */
@Singleton
@Requires(beans = IdentityStore.class)
class TeamService {
    /** One transaction writes the team and each member's user: DynamoDB allows 100 items. */
    static final int MAX_MEMBERS_PER_CALL = 50;

    private static final Map<String, FieldType> MEMBER_DEFAULTS =
            Map.of("max_budget_in_team", FieldType.MONEY, "budget_duration", FieldType.WINDOW);

    private final AdminWrites writes;
    private final BudgetReport report;
    private final KeyService keys;

    TeamService(AdminWrites writes, BudgetReport report, KeyService keys) {
        this.writes = writes;
        this.report = report;
        this.keys = keys;
    }

    /** {@code POST /team/new}: the team, with any {@code members_with_roles} (users must exist). */
    ObjectNode create(AdminBody body) {
        body.allowOnly(Fields.TEAM, Set.of("team_id", "members_with_roles"));
        String teamId = body.has("team_id")
                ? body.requiredString("team_id")
                : UUID.randomUUID().toString();
        ObjectNode fields = body.fields(Fields.TEAM);
        List<TeamMember> members = new ArrayList<>();
        if (body.has("members_with_roles")) {
            body.objects("members_with_roles").forEach(m -> members.add(Memberships.member(m, IdentityJson.object())));
        }
        requireDistinct(members, "members_with_roles");
        TeamRecord team = writes.retrying(() -> {
            Instant now = writes.now();
            ObjectNode tree = IdentityJson.object()
                    .put("team_id", teamId)
                    .put("created_at", now.toString())
                    .put("updated_at", now.toString());
            tree.setAll(fields);
            tree.set("members_with_roles", IdentityJson.toTree(members));
            TeamRecord created = IdentityJson.fromTree(tree, TeamRecord.class);
            List<Change> changes = new ArrayList<>(List.of(new Change.Create(created)));
            for (int i = 0; i < members.size(); i++) {
                UserRecord user = Lookups.requireReferencedUser(
                        store(), members.get(i).userId(), "members_with_roles[" + i + "].user_id");
                addIfChanged(changes, Memberships.userTeams(user, teamId, true, now));
            }
            writes.apply(changes);
            return created;
        });
        return AdminViews.team(team);
    }

    /** {@code POST /team/update}: changes the fields given (members change through member_add/delete). */
    ObjectNode update(AdminBody body) {
        body.allowOnly(Fields.TEAM, Set.of("team_id"));
        String teamId = body.requiredString("team_id");
        ObjectNode fields = body.fields(Fields.TEAM);
        TeamRecord updated = writes.retrying(() -> {
            TeamRecord current = Lookups.requireTeam(store(), teamId, "team_id");
            ObjectNode changes =
                    fields.deepCopy().put("updated_at", writes.now().toString());
            TeamRecord next = IdentityJson.with(current, changes);
            writes.apply(new Change.Replace(current, next));
            return next;
        });
        return AdminViews.team(updated);
    }

    /** {@code POST /team/delete} {@code {"team_ids": [...]}}: each team, its keys and its memberships. */
    ObjectNode delete(AdminBody body) {
        body.allowOnly(Map.of(), Set.of("team_ids"));
        List<String> ids = body.strings("team_ids");
        if (ids.isEmpty()) {
            throw FieldType.invalid("team_ids", "is required: the teams to delete");
        }
        for (int i = 0; i < ids.size(); i++) {
            Lookups.requireTeam(store(), ids.get(i), "team_ids[" + i + "]");
        }
        for (String teamId : ids) {
            writes.deleteKeys(store().keys(new IdentityStore.KeyQuery(null, teamId), 1, Integer.MAX_VALUE)
                    .keys());
            writes.retrying(() -> {
                TeamRecord team = Lookups.requireTeam(store(), teamId, "team_ids");
                List<Change> changes = new ArrayList<>(List.of(new Change.Delete(team)));
                for (TeamMember m : team.membersWithRoles()) {
                    store().user(m.userId())
                            .ifPresent(
                                    u -> addIfChanged(changes, Memberships.userTeams(u, teamId, false, writes.now())));
                }
                writes.apply(changes);
                return team;
            });
        }
        ObjectNode out = IdentityJson.object();
        ids.forEach(out.putArray("deleted_teams")::add);
        return out;
    }

    /**
     * {@code GET /team/info?team_id=}: {@code {"team_id", "team_info": {...spend, budgets}, "keys": [...],
     * "team_memberships": [{user_id, role, max_budget_in_team, litellm_budget_table, spend, budgets}]}}.
     */
    ObjectNode info(String teamId) {
        if (teamId == null || teamId.isBlank()) {
            throw FieldType.invalid("team_id", "is required");
        }
        TeamRecord team = Lookups.requireTeam(store(), teamId, "team_id");
        ObjectNode out = IdentityJson.object().put("team_id", teamId);
        out.set(
                "team_info",
                report.attachModels(
                        report.attach(AdminViews.team(team), BudgetLimits.forTeam(team)),
                        BudgetLimits.forTeamModels(team)));
        out.putArray("keys").addAll(keys.keysOf(new IdentityStore.KeyQuery(null, teamId)));
        ArrayNode memberships = out.putArray("team_memberships");
        team.membersWithRoles().forEach(m -> memberships.add(membership(team, m)));
        return out;
    }

    /**
     * What a member's own key may see of its team: the team's settings, spend and budgets, and only its
     * own membership — no other member's keys or figures.
     */
    ObjectNode infoForMember(String teamId, String userId) {
        TeamRecord team = Lookups.requireTeam(store(), teamId, "team_id");
        ObjectNode out = IdentityJson.object().put("team_id", teamId);
        out.set("team_info", report.attach(AdminViews.team(team), BudgetLimits.forTeam(team)));
        out.putArray("keys");
        ArrayNode memberships = out.putArray("team_memberships");
        team.membersWithRoles().stream()
                .filter(m -> userId != null && userId.equals(m.userId()))
                .forEach(m -> memberships.add(membership(team, m)));
        return out;
    }

    /**
     * {@code POST /team/member_add} {@code {"team_id", "member": {"user_id", "role"} or [...],
     * "max_budget_in_team", "budget_duration"}}: the team, {@code updated_users} and
     * {@code updated_team_memberships}.
     */
    ObjectNode memberAdd(AdminBody body) {
        body.allowOnly(MEMBER_DEFAULTS, Set.of("team_id", "member"));
        String teamId = body.requiredString("team_id");
        ObjectNode defaults = body.fields(MEMBER_DEFAULTS);
        List<TeamMember> added = new ArrayList<>();
        body.objects("member").forEach(m -> added.add(Memberships.member(m, defaults)));
        requireDistinct(added, "member");
        List<UserRecord> users = new ArrayList<>();
        TeamRecord team = writes.retrying(() -> {
            Instant now = writes.now();
            TeamRecord current = Lookups.requireTeam(store(), teamId, "team_id");
            List<TeamMember> members = new ArrayList<>(current.membersWithRoles());
            List<Change> changes = new ArrayList<>();
            users.clear();
            for (TeamMember m : added) {
                if (current.member(m.userId()).isPresent()) {
                    throw new GatewayException(
                            409,
                            "invalid_request_error",
                            "User '" + m.userId() + "' is already a member of team '" + teamId + "'",
                            "member.user_id",
                            "already_exists");
                }
                UserRecord user = Lookups.requireReferencedUser(store(), m.userId(), "member.user_id");
                Change change = Memberships.userTeams(user, teamId, true, now);
                addIfChanged(changes, change);
                users.add(change == null ? user : (UserRecord) ((Change.Replace) change).next());
                members.add(m);
            }
            TeamRecord next = Memberships.withMembers(current, members, now);
            changes.add(0, new Change.Replace(current, next));
            writes.apply(changes);
            return next;
        });
        ObjectNode out = AdminViews.team(team);
        ArrayNode updatedUsers = out.putArray("updated_users");
        users.forEach(u -> updatedUsers.add(AdminViews.user(u)));
        ArrayNode updatedMemberships = out.putArray("updated_team_memberships");
        added.forEach(m -> updatedMemberships.add(membership(team, m)));
        return out;
    }

    /** {@code POST /team/member_update} {@code {"team_id", "user_id", "role", "max_budget_in_team", ...}}. */
    ObjectNode memberUpdate(AdminBody body) {
        body.allowOnly(Fields.MEMBER, Set.of("team_id", "user_id"));
        body.oneOf("role", Memberships.ROLES);
        String teamId = body.requiredString("team_id");
        String userId = body.requiredString("user_id");
        ObjectNode fields = body.fields(Fields.MEMBER);
        TeamRecord team = writes.retrying(() -> {
            TeamRecord current = Lookups.requireTeam(store(), teamId, "team_id");
            TeamMember existing = requireMember(current, userId);
            ObjectNode tree = (ObjectNode) IdentityJson.toTree(existing);
            tree.setAll(fields);
            List<TeamMember> members = new ArrayList<>(current.membersWithRoles());
            members.set(members.indexOf(existing), IdentityJson.convert(tree, TeamMember.class));
            TeamRecord next = Memberships.withMembers(current, members, writes.now());
            writes.apply(new Change.Replace(current, next));
            return next;
        });
        return AdminViews.team(team);
    }

    /** {@code POST /team/member_delete} {@code {"team_id", "user_id"}}: the team without the member. */
    ObjectNode memberDelete(AdminBody body) {
        body.allowOnly(Map.of(), Set.of("team_id", "user_id"));
        String teamId = body.requiredString("team_id");
        String userId = body.requiredString("user_id");
        TeamRecord team = writes.retrying(() -> {
            Instant now = writes.now();
            TeamRecord current = Lookups.requireTeam(store(), teamId, "team_id");
            TeamMember existing = requireMember(current, userId);
            List<TeamMember> members = new ArrayList<>(current.membersWithRoles());
            members.remove(existing);
            TeamRecord next = Memberships.withMembers(current, members, now);
            List<Change> changes = new ArrayList<>(List.of(new Change.Replace(current, next)));
            store().user(userId).ifPresent(u -> addIfChanged(changes, Memberships.userTeams(u, teamId, false, now)));
            writes.apply(changes);
            return next;
        });
        return AdminViews.team(team);
    }

    private ObjectNode membership(TeamRecord team, TeamMember m) {
        ObjectNode row = (ObjectNode) IdentityJson.toTree(m);
        row.put("team_id", team.teamId());
        if (m.maxBudgetInTeam() == null) {
            row.putNull("litellm_budget_table");
        } else {
            row.putObject("litellm_budget_table")
                    .put("max_budget", m.maxBudgetInTeam())
                    .put("budget_duration", m.budgetDuration());
        }
        return report.attach(row, BudgetLimits.forTeamMember(team, m.userId()));
    }

    private static TeamMember requireMember(TeamRecord team, String userId) {
        return team.member(userId)
                .orElseThrow(() -> Lookups.notFound(
                        "User '" + userId + "' is not a member of team '" + team.teamId() + "'", "user_id"));
    }

    /** Distinct users, and few enough that the team and every member's user fit in one transaction. */
    private static void requireDistinct(List<TeamMember> members, String field) {
        if (members.size() > MAX_MEMBERS_PER_CALL) {
            throw FieldType.invalid(field, "may add at most " + MAX_MEMBERS_PER_CALL + " members per call");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < members.size(); i++) {
            if (!seen.add(members.get(i).userId())) {
                throw FieldType.invalid(
                        field + "[" + i + "].user_id",
                        "lists user '" + members.get(i).userId() + "' twice");
            }
        }
    }

    private static void addIfChanged(List<Change> changes, Change change) {
        if (change != null) {
            changes.add(change);
        }
    }

    private IdentityStore store() {
        return writes.store();
    }
}
