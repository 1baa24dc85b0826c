package dev.tollgate.analytics.forecast;

import java.util.List;

/**
 * The hard budgets the gateway enforces, as forecast scopes: those set through the LiteLLM-style admin API
 * ({@code /team/new}, {@code /key/generate}, {@code /user/new}, {@code /customer/new}, {@code /tag/new} … with
 * {@code max_budget} + {@code budget_duration}, {@code budget_limits} and {@code model_max_budget}) and those
 * {@code /api/v1/budgets} wrote onto the same records ({@link DynamoDbBudgetedScopes} reads them from the table),
 * and the global budgets as the proxy combines them ({@link GlobalBudgetedScopes}).
 */
public interface BudgetedScopes {

    /**
     * One scope per budget whose window a forecast can cover (a day, a week, a calendar month; not hours, not
     * lifetime), with the limit of that window. A record whose budget cannot be read is left out, not fatal.
     */
    List<ForecastScope> all();
}
