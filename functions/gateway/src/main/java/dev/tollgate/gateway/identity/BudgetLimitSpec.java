package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry of a {@code budget_limits} list: a hard limit for one window, on top of the
 * {@code max_budget} / {@code budget_duration} pair. Several entries give one scope several windows
 * (e.g. $5 a day and $50 a month).
 *
 * @param budgetDuration the window as given ({@code 1h}, {@code 1d}, {@code 7d}, {@code 1mo}, {@code lifetime}, …)
 * @param maxBudget      USD, not negative
 */
public record BudgetLimitSpec(String budgetDuration, BigDecimal maxBudget) {

    public BudgetLimitSpec {
        Objects.requireNonNull(budgetDuration, "budgetDuration");
        Objects.requireNonNull(maxBudget, "maxBudget");
    }
}
