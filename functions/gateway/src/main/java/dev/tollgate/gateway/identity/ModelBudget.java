package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One entry of LiteLLM's {@code model_max_budget}: a hard limit on what a key (or team) may spend on one model
 * in one window, e.g. {@code {"o3": {"budget_limit": 5, "time_period": "1d"}}}.
 *
 * @param budgetLimit USD, not negative
 * @param timePeriod  the window ({@code 1h}, {@code 1d}, {@code 7d}, {@code 1mo}, {@code lifetime}); null = lifetime
 */
public record ModelBudget(BigDecimal budgetLimit, String timePeriod) {

    public ModelBudget {
        Objects.requireNonNull(budgetLimit, "budgetLimit");
    }
}
