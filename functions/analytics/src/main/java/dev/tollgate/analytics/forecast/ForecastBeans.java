package dev.tollgate.analytics.forecast;

import dev.tollgate.analytics.store.AnalyticsZone;
import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertService;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.config.BudgetSettings;
import dev.tollgate.gateway.config.GatewayConfig;
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
            GatewayConfig config,
            jakarta.inject.Provider<AlertService> alerts,
            Clock clock,
            @AnalyticsZone ZoneId zone,
            @Value("${tollgate.forecast.overrun-probability:0.8}") BigDecimal overrunProbability,
            @Nullable DynamoDbClient dynamo,
            @Nullable StorageSettings storage,
            @Nullable GlobalBudgets runtimeGlobal,
            SchemaMigrations schema) {
        return new ForecastService(
                new JdbcSpendHistory(tx),
                new JdbcForecastStore(tx),
                enforced(
                        dynamo,
                        storage == null ? null : storage.getTable(),
                        config.settings().budgetsOrDefault(),
                        runtimeGlobal)::all,
                f -> new AlertServiceOverrunAlerts(alerts.get(), zone, clock).overrun(f),
                overrunProbability,
                new Forecaster(),
                clock,
                zone);
    }

    /**
     * The budgets to forecast: those the gateway enforces, from where it reads them. The identity records' budgets
     * in the table ({@link DynamoDbBudgetedScopes}: the admin API's, and those {@code /api/v1/budgets} wrote onto
     * the same records) and the global budgets as the proxy combines them ({@link GlobalBudgetedScopes}).
     * {@code /api/v1/budgets}' rows in PostgreSQL are not read: they keep a budget's name, percentages and
     * alert address, and their limit is a copy that {@code /team/update} &amp; co. (or a runtime global budget)
     * may since have changed on the record. Without a table (no DynamoDB) there are no records, and tollgate.yml's
     * global budgets are the ones enforced.
     */
    static BudgetedScopes enforced(
            DynamoDbClient dynamo, String table, BudgetSettings settings, GlobalBudgets runtimeGlobal) {
        BudgetedScopes records = dynamo == null || table == null ? List::of : new DynamoDbBudgetedScopes(dynamo, table);
        BudgetedScopes global = new GlobalBudgetedScopes(settings, runtimeGlobal);
        return () -> {
            List<ForecastScope> all = new ArrayList<>(records.all());
            all.addAll(global.all());
            return all;
        };
    }
}
