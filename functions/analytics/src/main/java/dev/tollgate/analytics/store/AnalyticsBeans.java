package dev.tollgate.analytics.store;

import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.rollup.RollupObserver;
import dev.tollgate.analytics.rollup.RollupStore;
import dev.tollgate.gateway.budget.LedgerFactory;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.spendlog.SpendLogObserver;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.ZoneId;
import javax.sql.DataSource;

/** The control plane's beans, wherever a datasource is configured ({@code datasources.default.url}). */
@Factory
@Requires(beans = DataSource.class)
public class AnalyticsBeans {

    /** Days of the rollups are calendar days in the budgets' time zone ({@code settings.budgets.zone}). */
    @Singleton
    @AnalyticsZone
    public ZoneId analyticsZone(GatewayConfig config) {
        return LedgerFactory.zone(config);
    }

    @Singleton
    public RollupStore rollupStore(
            TransactionOperations<Connection> tx, @AnalyticsZone ZoneId zone, SchemaMigrations schema) {
        return new JdbcRollupStore(tx, zone);
    }

    /** The shipper folds every object it writes into the rollups. */
    @Singleton
    public SpendLogObserver rollupObserver(RollupStore store) {
        return new RollupObserver(store);
    }
}
