package dev.tollgate.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.gateway.alerts.SoftBudget;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.budget.InMemoryGlobalBudgets;
import dev.tollgate.gateway.budget.Scope;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The global budgets a call must fit: tollgate.yml's, with the runtime one ({@link GlobalBudgets}) in place of its 1mo. */
class GlobalBudgetScopesTest {
    private final InMemoryGlobalBudgets runtime = new InMemoryGlobalBudgets();
    private ApplicationContext context;
    private BudgetScopes scopes;

    @BeforeEach
    void start() {
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "tollgate.master-key",
                        "sk-global-scopes",
                        "tollgate.auth.cache-seconds",
                        0, // every call sees the item as it is
                        "tollgate.config-yaml",
                        """
                        models:
                          - {name: m, provider: mock, base_model: gpt-4o-mini}
                        settings:
                          budgets:
                            global:
                              - {budget_duration: 1mo, max_budget: 10}
                              - {budget_duration: 1d, max_budget: 3}
                        """))
                .singletons(runtime)
                .start();
        scopes = context.getBean(BudgetScopes.class);
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void withoutARuntimeValue_tollgateYmlsGlobalBudgetsApply() {
        assertEquals(List.of(limit(BudgetWindow.MONTH, "10"), limit(BudgetWindow.DAY, "3")), scopes.globalLimits());
        assertEquals(List.of(), scopes.globalSoft());
    }

    @Test
    void runtimeValue_replacesTheMonthlyOne_keepsOtherWindows_andAddsItsSoftAlert() {
        runtime.set(new GlobalBudgets.Monthly(new BigDecimal("5"), new BigDecimal("4")));

        assertEquals(List.of(limit(BudgetWindow.DAY, "3"), limit(BudgetWindow.MONTH, "5")), scopes.globalLimits());
        assertEquals(
                List.of(new SoftBudget(Scope.GLOBAL, "global", BudgetWindow.MONTH, new BigDecimal("4"))),
                scopes.globalSoft());
    }

    @Test
    void runtimeSoftOnly_removesTheMonthlyLimit_butKeepsItsCounterForTheAlert() {
        runtime.set(new GlobalBudgets.Monthly(null, new BigDecimal("2")));

        assertEquals(
                List.of(limit(BudgetWindow.DAY, "3"), BudgetLimit.uncapped(Scope.GLOBAL, "global", BudgetWindow.MONTH)),
                scopes.globalLimits());
    }

    @Test
    void cleared_handsBackToTollgateYml() {
        runtime.set(new GlobalBudgets.Monthly(new BigDecimal("1"), null));
        runtime.clear();

        assertEquals(List.of(limit(BudgetWindow.MONTH, "10"), limit(BudgetWindow.DAY, "3")), scopes.globalLimits());
    }

    private static BudgetLimit limit(BudgetWindow window, String usd) {
        return new BudgetLimit(Scope.GLOBAL, "global", window, new BigDecimal(usd));
    }
}
