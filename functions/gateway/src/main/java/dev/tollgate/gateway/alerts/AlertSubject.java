package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Whose call moved the counters: enough to name the key, to route each alert to the team and user
 * that own its scope, and the soft budgets that apply.
 *
 * @param keyId       the calling key's stable id, or null (master key)
 * @param keyName     the key's alias, else its display prefix
 * @param userId      the key's user, or null
 * @param teamId      the key's team, or null
 * @param softBudgets alert-only budgets to check
 */
public record AlertSubject(String keyId, String keyName, String userId, String teamId, List<SoftBudget> softBudgets) {

    public AlertSubject {
        softBudgets = softBudgets == null ? List.of() : List.copyOf(softBudgets);
    }

    /** The subject of a call made with {@code principal}, with the key's, user's and team's soft budgets. */
    public static AlertSubject of(Principal principal) {
        KeyRecord key = principal.key();
        String name = key == null ? null : key.keyAlias() != null ? key.keyAlias() : key.keyPrefix();
        return new AlertSubject(
                key == null ? null : key.keyId(),
                name,
                principal.userId(),
                principal.teamId(),
                SoftBudgets.forPrincipal(principal));
    }

    /** The same subject with more soft budgets (e.g. {@link SoftBudgets#forTag} for the call's tags). */
    public AlertSubject withSoftBudgets(List<SoftBudget> more) {
        List<SoftBudget> all = new ArrayList<>(softBudgets);
        all.addAll(more);
        return new AlertSubject(keyId, keyName, userId, teamId, all);
    }

    /**
     * Who owns the counter {@code scope}/{@code id}: a key belongs to its team and user, a user to
     * itself, a team to itself, a team member ({@code team/user}) to both; end users, tags and the
     * global budget to no team or user.
     */
    Owner ownerOf(Scope scope, String id) {
        return switch (scope) {
            case KEY ->
                id.equals(keyId)
                        ? new Owner(keyName != null ? keyName : shortId(id), teamId, userId)
                        : new Owner(shortId(id), null, null);
            case USER -> new Owner(null, null, id);
            case TEAM -> new Owner(null, id, null);
            case TEAM_MEMBER -> member(id);
            case END_USER, TAG, GLOBAL -> new Owner(null, null, null);
            // named with what they limit: key model 'ci/o3', session 'key:ci/run-42'
            case KEY_MODEL, SESSION ->
                keyId != null && id.contains(keyId)
                        ? new Owner(id.replace(keyId, keyName != null ? keyName : shortId(keyId)), teamId, userId)
                        : new Owner(id, teamId, null);
            case TEAM_MODEL -> new Owner(null, id.substring(0, Math.max(0, id.indexOf('/'))), null);
        };
    }

    private Owner member(String id) {
        if (teamId != null && userId != null && id.equals(BudgetLimits.teamMemberId(teamId, userId))) {
            return new Owner(null, teamId, userId);
        }
        int slash = id.lastIndexOf('/');
        return slash < 0
                ? new Owner(null, null, null)
                : new Owner(null, id.substring(0, slash), id.substring(slash + 1));
    }

    /** A key id (a SHA-256) is 64 characters: the first 12 name it well enough in a message. */
    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    /** The display name (null = the id), team and user of one scope. */
    record Owner(String name, String teamId, String userId) {}
}
