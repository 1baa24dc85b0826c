package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.budget.BudgetLimit;
import java.util.List;

/**
 * Who is calling. The master key is an administrator with no records; a virtual key carries its
 * record and, when it has them, its owner's user and team records, as read when the key was
 * authenticated (cached for a few seconds, see {@link VirtualKeyAuthenticator}).
 *
 * @param keyHash SHA-256 of the key's current secret, hex; never the key itself. During a
 *                regeneration grace period the old secret authenticates as the new hash.
 * @param alias   a human name for the key (never secret)
 * @param admin   whether the key may use the admin API (the master key only)
 * @param key     the virtual key's record; null for the master key
 * @param user    the key's user; null when the key has none, or for the master key
 * @param team    the key's team; null when the key has none, or for the master key
 */
public record Principal(String keyHash, String alias, boolean admin, KeyRecord key, UserRecord user, TeamRecord team) {

    /** A principal with no records (the master key). */
    public Principal(String keyHash, String alias, boolean admin) {
        this(keyHash, alias, admin, null, null, null);
    }

    /** The key's user id, or null. */
    public String userId() {
        return key == null ? null : key.userId();
    }

    /** The key's team id, or null. */
    public String teamId() {
        return key == null ? null : key.teamId();
    }

    /**
     * Whether the key may call {@code model}: every list that applies (key, team, user) is empty
     * (meaning all models) or names it. The master key may call every model.
     */
    public boolean allowsModel(String model) {
        return allows(key == null ? List.of() : key.models(), model)
                && allows(team == null ? List.of() : team.models(), model)
                && allows(user == null ? List.of() : user.models(), model);
    }

    /**
     * The hard budgets every call made with this key must fit in: the key's, its user's, its team's
     * and the user's budget inside the team ({@link BudgetLimits#forPrincipal}). End-user, tag and
     * global budgets depend on the request and are added by the caller.
     */
    public List<BudgetLimit> budgetLimits() {
        return BudgetLimits.forPrincipal(this);
    }

    private static boolean allows(List<String> models, String model) {
        return models.isEmpty() || models.contains(model);
    }
}
