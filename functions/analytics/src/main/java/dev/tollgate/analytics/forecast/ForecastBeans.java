package dev.tollgate.analytics.forecast;

import dev.tollgate.analytics.budget.Budget;
import dev.tollgate.analytics.budget.BudgetRepository;
import dev.tollgate.analytics.store.AnalyticsZone;
import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.identity.ApiKeys;
import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
            @Nullable DynamoDbClient dynamo,
            @Nullable StorageSettings storage,
            SchemaMigrations schema) {
        BudgetedScopes admin = dynamo == null || storage == null || storage.getTable() == null
                ? List::of
                : new DynamoDbBudgetedScopes(dynamo, storage.getTable());
        return new ForecastService(
                new JdbcSpendHistory(tx),
                new JdbcForecastStore(tx),
                () -> {
                    List<ForecastScope> all = budgeted(budgets.listOrderByName(), config);
                    all.addAll(admin.all());
                    return all;
                },
                f -> new AlertServiceOverrunAlerts(alerts.get(), zone, clock).overrun(f),
                overrunProbability,
                new Forecaster(),
                clock,
                zone);
    }

    /**
     * The budgets of {@code /api/v1/budgets} (calendar months; a key's budget names the key or its hash) and
     * the global budgets of {@code tollgate.yml} in a day, week or month window. The admin API's budgets
     * come from the table ({@link DynamoDbBudgetedScopes}); a budget in both is forecast once, at the lower limit.
     */
    static List<ForecastScope> budgeted(List<Budget> budgets, GatewayConfig config) {
        List<ForecastScope> out = new ArrayList<>();
        for (Budget b : budgets) {
            ScopeType type = ScopeType.parse(b.entityType());
            String id = type == ScopeType.KEY ? ApiKeys.hashOf(b.entityId()) : b.entityId();
            out.add(new ForecastScope(type, id, b.hardLimit()));
        }
        for (BudgetSettings.WindowBudget w :
                config.settings().budgetsOrDefault().globalBudgets()) {
            try {
                BudgetWindow window = BudgetWindow.parse(w.budgetDuration());
                if (w.maxBudget() != null && ForecastScope.forecastable(window)) {
                    out.add(new ForecastScope(ScopeType.GLOBAL, "global", w.maxBudget(), window));
                }
            } catch (IllegalArgumentException e) {
                // not a window the ledger enforces either; the configuration check reports it
            }
        }
        return out;
    }
}
