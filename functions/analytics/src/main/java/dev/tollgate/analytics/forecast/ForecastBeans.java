package dev.tollgate.analytics.forecast;

import dev.tollgate.analytics.budget.Budget;
import dev.tollgate.analytics.budget.BudgetRepository;
import dev.tollgate.analytics.store.AnalyticsZone;
import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.identity.ApiKeys;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/** The forecast beans, wherever the control-plane store is configured. */
@Factory
@Requires(beans = DataSource.class)
public class ForecastBeans {

    @Singleton
    public ForecastService forecastService(
            TransactionOperations<Connection> tx,
            BudgetRepository budgets,
            GatewayConfig config,
            jakarta.inject.Provider<AlertService> alerts,
            Clock clock,
            @AnalyticsZone ZoneId zone,
            @Value("${tollgate.forecast.overrun-probability:0.8}") BigDecimal overrunProbability,
            SchemaMigrations schema) {
        return new ForecastService(
                new JdbcSpendHistory(tx),
                new JdbcForecastStore(tx),
                () -> budgeted(budgets.listOrderByName(), config),
                f -> new AlertServiceOverrunAlerts(alerts.get(), zone, clock).overrun(f),
                overrunProbability,
                new Forecaster(),
                clock,
                zone);
    }

    /**
     * The budgets of {@code /api/v1/budgets} (calendar months; a key's budget names the key or its hash) and
     * the global calendar-month budget of {@code tollgate.yml}, if any.
     */
    static List<ForecastScope> budgeted(List<Budget> budgets, GatewayConfig config) {
        List<ForecastScope> out = new ArrayList<>();
        for (Budget b : budgets) {
            ScopeType type = ScopeType.parse(b.entityType());
            String id = type == ScopeType.KEY && !b.entityId().matches("[0-9a-f]{64}")
                    ? ApiKeys.sha256Hex(b.entityId())
                    : b.entityId();
            out.add(new ForecastScope(type, id, b.hardLimit()));
        }
        config.settings().budgetsOrDefault().globalBudgets().stream()
                .filter(w -> w.budgetDuration() != null
                        && List.of("1mo", "30d")
                                .contains(w.budgetDuration().trim().toLowerCase(Locale.ROOT)))
                .map(BudgetSettings.WindowBudget::maxBudget)
                .min(BigDecimal::compareTo)
                .ifPresent(max -> out.add(new ForecastScope(ScopeType.GLOBAL, "global", max)));
        return out;
    }
}
