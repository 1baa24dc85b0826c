package dev.tollgate.gateway.admission;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.TeamRecord;

/**
 * Names a budget the way its owner knows it, for refusals: the key by its alias (else its {@code sk-…}
 * prefix), the team by its alias and id, the user by id, the team member as user in team, the tag and end
 * user by name. Never a key hash.
 */
final class ScopeNames {
    private ScopeNames() {}

    /** For example {@code key 'ml-ci' (1mo window)}, {@code team 'Machine learning' (ml) (lifetime)}. */
    static String label(BudgetLimit limit, Principal principal) {
        BudgetWindow window = limit.window();
        return name(limit, principal)
                + (window == BudgetWindow.LIFETIME ? " (lifetime)" : " (" + window.code() + " window)");
    }

    static String name(BudgetLimit limit, Principal principal) {
        KeyRecord key = principal == null ? null : principal.key();
        TeamRecord team = principal == null ? null : principal.team();
        return switch (limit.scope()) {
            case KEY -> "key '" + keyName(limit.id(), key) + "'";
            case USER -> "user '" + limit.id() + "'";
            case TEAM -> "team " + teamName(limit.id(), team);
            case TEAM_MEMBER -> {
                int slash = limit.id().indexOf('/');
                String teamId = slash < 0 ? limit.id() : limit.id().substring(0, slash);
                String userId = slash < 0 ? "?" : limit.id().substring(slash + 1);
                yield "user '" + userId + "' in team " + teamName(teamId, team);
            }
            case END_USER -> "end user '" + limit.id() + "'";
            case TAG -> "tag '" + limit.id() + "'";
            case GLOBAL -> "the gateway (global)";
            case KEY_MODEL -> {
                int slash = limit.id().indexOf('/');
                yield "model '" + limit.id().substring(slash + 1) + "' on key '"
                        + keyName(limit.id().substring(0, Math.max(0, slash)), key) + "'";
            }
            case TEAM_MODEL -> {
                int slash = limit.id().indexOf('/');
                yield "model '" + limit.id().substring(slash + 1) + "' in team "
                        + teamName(limit.id().substring(0, Math.max(0, slash)), team);
            }
            case SESSION -> {
                int slash = limit.id().indexOf('/');
                String owner = limit.id().substring(0, Math.max(0, slash));
                String ownerName = owner.startsWith("team:")
                        ? "team " + teamName(owner.substring(5), team)
                        : "key '" + keyName(owner.startsWith("key:") ? owner.substring(4) : owner, key) + "'";
                yield "session '" + limit.id().substring(slash + 1) + "' of " + ownerName;
            }
        };
    }

    private static String keyName(String keyId, KeyRecord key) {
        if (key != null && keyId.equals(key.keyId())) {
            if (key.keyAlias() != null && !key.keyAlias().isBlank()) {
                return key.keyAlias();
            }
            if (key.keyPrefix() != null && !key.keyPrefix().isBlank()) {
                return key.keyPrefix() + "…";
            }
        }
        return keyId.length() > 8 ? keyId.substring(0, 8) + "…" : keyId;
    }

    private static String teamName(String teamId, TeamRecord team) {
        if (team != null
                && teamId.equals(team.teamId())
                && team.teamAlias() != null
                && !team.teamAlias().isBlank()
                && !team.teamAlias().equals(teamId)) {
            return "'" + team.teamAlias() + "' (" + teamId + ")";
        }
        return "'" + teamId + "'";
    }
}
