package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.TagRecord;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The soft budgets of identity records. A record's {@code soft_budget} applies to the window of its
 * {@code budget_duration} (lifetime when none), like LiteLLM's: the same counter as its {@code max_budget}.
 */
public final class SoftBudgets {

    private SoftBudgets() {}

    /** The key's, its user's and its team's soft budgets; none for the master key. */
    public static List<SoftBudget> forPrincipal(Principal principal) {
        List<SoftBudget> soft = new ArrayList<>();
        KeyRecord key = principal.key();
        if (key != null) {
            add(soft, Scope.KEY, key.keyId(), key.softBudget(), key.budgetDuration());
        }
        UserRecord user = principal.user();
        if (user != null) {
            add(soft, Scope.USER, user.userId(), user.softBudget(), user.budgetDuration());
        }
        TeamRecord team = principal.team();
        if (team != null) {
            add(soft, Scope.TEAM, team.teamId(), team.softBudget(), team.budgetDuration());
        }
        return soft;
    }

    /** A tag's soft budget, if it has one. */
    public static List<SoftBudget> forTag(TagRecord tag) {
        List<SoftBudget> soft = new ArrayList<>();
        add(soft, Scope.TAG, tag.name(), tag.softBudget(), tag.budgetDuration());
        return soft;
    }

    private static void add(List<SoftBudget> soft, Scope scope, String id, BigDecimal amount, String duration) {
        if (amount != null && id != null) {
            soft.add(new SoftBudget(
                    scope, id, duration == null ? BudgetWindow.LIFETIME : BudgetWindow.parse(duration), amount));
        }
    }
}
