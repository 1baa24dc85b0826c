package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.identity.ApiKeys;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.Change;
import dev.tollgate.gateway.identity.IdentityJson;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.KeySecrets;
import dev.tollgate.gateway.identity.TeamMember;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The {@code /user/*} operations, in LiteLLM's request and response shapes. */
@Singleton
@Requires(beans = IdentityStore.class)
class UserService {
    private final AdminWrites writes;
    private final BudgetReport report;
    private final KeyService keys;

    UserService(AdminWrites writes, BudgetReport report, KeyService keys) {
        this.writes = writes;
        this.report = report;
        this.keys = keys;
    }

    /**
     * {@code POST /user/new}: the user and, as LiteLLM does unless {@code "auto_create_key": false},
     * a key for it (no budget of its own; {@code key_alias} and {@code duration} apply to it). The
     * response is the user with the key's fields ({@code key}, {@code token}, …), the secret shown once.
     */
    ObjectNode create(AdminBody body) {
        body.allowOnly(Fields.USER, Set.of("user_id", "auto_create_key", "key_alias", "duration", "team_id"));
        String teamId = body.string("team_id");
        String userId = body.has("user_id")
                ? body.requiredString("user_id")
                : UUID.randomUUID().toString();
        ObjectNode fields = body.fields(Fields.USER);
        boolean withKey = body.bool("auto_create_key", true);
        String alias = body.string("key_alias");
        Duration duration = body.duration("duration");
        Instant now = writes.now();
        ObjectNode tree = IdentityJson.object()
                .put("user_id", userId)
                .put("created_at", now.toString())
                .put("updated_at", now.toString());
        tree.setAll(fields);
        if (teamId != null) {
            tree.putArray("teams").add(teamId);
        }
        UserRecord user = IdentityJson.fromTree(tree, UserRecord.class);
        List<Change> changes = new ArrayList<>(List.of(new Change.Create(user)));
        String secret = withKey ? KeySecrets.newKey() : null;
        KeyRecord key = null;
        if (withKey) {
            ObjectNode keyTree = IdentityJson.object()
                    .put("key_hash", ApiKeys.sha256Hex(secret))
                    .put("key_prefix", KeySecrets.prefix(secret))
                    .put("key_alias", alias)
                    .put("user_id", userId)
                    .put("team_id", teamId)
                    .put("created_at", now.toString())
                    .put("updated_at", now.toString())
                    .put("expires", duration == null ? null : now.plus(duration).toString());
            keyTree.set(
                    "models", tree.get("models") == null ? IdentityJson.object().arrayNode() : tree.get("models"));
            key = IdentityJson.fromTree(keyTree, KeyRecord.class);
            changes.add(new Change.Create(key));
        }
        writes.retrying(() -> {
            List<Change> all = new ArrayList<>(changes);
            if (teamId != null) {
                // LiteLLM's /user/new {team_id}: the user joins the team (role user) in the same transaction
                Lookups.requireReferencedTeam(store(), teamId, "team_id");
                TeamRecord team = store().team(teamId).orElseThrow();
                List<TeamMember> members = new ArrayList<>(team.membersWithRoles());
                members.add(new TeamMember(userId, user.userEmail(), "user", null, null));
                all.add(new Change.Replace(team, Memberships.withMembers(team, members, writes.now())));
            }
            writes.apply(all);
            return user;
        });
        ObjectNode out = AdminViews.user(user);
        if (key != null) {
            ObjectNode keyView = AdminViews.keyWithSecret(key, secret);
            for (String field : List.of("key", "token", "key_name", "key_alias", "expires")) {
                out.set(field, keyView.get(field));
            }
        }
        return out;
    }

    /** {@code POST /user/update}: changes the fields given. */
    ObjectNode update(AdminBody body) {
        body.allowOnly(Fields.USER, Set.of("user_id"));
        String userId = body.requiredString("user_id");
        ObjectNode fields = body.fields(Fields.USER);
        UserRecord updated = writes.retrying(() -> {
            UserRecord current = Lookups.requireUser(store(), userId, "user_id");
            UserRecord next = IdentityJson.with(
                    current, fields.deepCopy().put("updated_at", writes.now().toString()));
            writes.apply(new Change.Replace(current, next));
            return next;
        });
        return AdminViews.user(updated);
    }

    /** {@code POST /user/delete} {@code {"user_ids": [...]}}: each user, its keys and its team memberships. */
    ObjectNode delete(AdminBody body) {
        body.allowOnly(Map.of(), Set.of("user_ids"));
        List<String> ids = body.strings("user_ids");
        if (ids.isEmpty()) {
            throw FieldType.invalid("user_ids", "is required: the users to delete");
        }
        for (int i = 0; i < ids.size(); i++) {
            Lookups.requireUser(store(), ids.get(i), "user_ids[" + i + "]");
        }
        for (String userId : ids) {
            writes.deleteKeys(store().keys(new IdentityStore.KeyQuery(userId, null), 1, Integer.MAX_VALUE)
                    .keys());
            writes.retrying(() -> {
                Instant now = writes.now();
                UserRecord user = Lookups.requireUser(store(), userId, "user_ids");
                List<Change> changes = new ArrayList<>(List.of(new Change.Delete(user)));
                for (String teamId : user.teams()) {
                    store().team(teamId).ifPresent(team -> changes.add(withoutMember(team, userId, now)));
                }
                writes.apply(changes);
                return user;
            });
        }
        ObjectNode out = IdentityJson.object();
        ids.forEach(out.putArray("deleted_users")::add);
        return out;
    }

    /**
     * {@code GET /user/info?user_id=}: {@code {"user_id", "user_info": {...spend, budgets}, "keys": [...],
     * "teams": [...]}}.
     */
    ObjectNode info(String userId) {
        if (userId == null || userId.isBlank()) {
            throw FieldType.invalid("user_id", "is required");
        }
        UserRecord user = Lookups.requireUser(store(), userId, "user_id");
        ObjectNode out = IdentityJson.object().put("user_id", userId);
        out.set("user_info", report.attach(AdminViews.user(user), BudgetLimits.forUser(user)));
        out.putArray("keys").addAll(keys.keysOf(new IdentityStore.KeyQuery(userId, null)));
        ArrayNode teams = out.putArray("teams");
        user.teams().forEach(id -> store().team(id).ifPresent(t -> teams.add(AdminViews.team(t))));
        return out;
    }

    private static Change withoutMember(TeamRecord team, String userId, Instant now) {
        List<TeamMember> members = new ArrayList<>(team.membersWithRoles());
        members.removeIf(m -> m.userId().equals(userId));
        return new Change.Replace(team, Memberships.withMembers(team, members, now));
    }

    private IdentityStore store() {
        return writes.store();
    }
}
