package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An alert-only budget ({@code soft_budget}) on one counter: it never refuses a call, it raises
 * {@link AlertType#SOFT_BUDGET_CROSSED} once per window when the counter's spend reaches it.
 *
 * @param scope  whose
 * @param id     the scope's counter id (for keys: the stable key id)
 * @param window the window of the record's {@code budget_duration} (lifetime when none)
 * @param amount USD
 */
public record SoftBudget(Scope scope, String id, BudgetWindow window, BigDecimal amount) {

    public SoftBudget {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(amount, "amount");
    }

    /** Whether this soft budget is on {@code limit}'s counter (same scope, id and window). */
    boolean appliesTo(BudgetLimit limit) {
        return limit.scope() == scope && limit.id().equals(id) && limit.window() == window;
    }
}
