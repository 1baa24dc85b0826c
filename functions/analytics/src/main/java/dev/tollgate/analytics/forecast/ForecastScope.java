package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.budget.BudgetWindow;
import java.math.BigDecimal;

/**
 * One scope to forecast, in one budget window: every hard budget of a day, a week or a calendar month
 * as the gateway enforces it (the identity records' budgets, however set: {@code /api/v1/budgets} or the
 * LiteLLM-style admin API; the global budget as the proxy combines tollgate.yml's with the runtime one), and
 * every team.
 *
 * @param id     the team, user, key hash, end user or tag; {@code global} for the whole gateway;
 *               {@code <key hash>/<model>} or {@code <team id>/<model>} for a per-model budget
 * @param budget the hard limit of the window; null when the scope has none
 * @param window the budget's window ({@link BudgetWindow#DAY}, {@link BudgetWindow#WEEK} or
 *               {@link BudgetWindow#MONTH}); the calendar month for a team without a budget
 */
public record ForecastScope(ScopeType type, String id, BigDecimal budget, BudgetWindow window) {

    /** The windows a forecast covers: a day, a week, a month. Hours are shorter than the rollups' day; lifetime never ends. */
    public static boolean forecastable(BudgetWindow window) {
        return window == BudgetWindow.DAY || window == BudgetWindow.WEEK || window == BudgetWindow.MONTH;
    }

    /** A calendar-month budget (or none). */
    public ForecastScope(ScopeType type, String id, BigDecimal budget) {
        this(type, id, budget, BudgetWindow.MONTH);
    }

    public ForecastScope {
        if (!forecastable(window)) {
            throw new IllegalArgumentException("no forecast for a " + window.code() + " window");
        }
    }
}
