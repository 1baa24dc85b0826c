package dev.tollgate.analytics.failover;

import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertPublisher;
import dev.tollgate.gateway.config.GatewayConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;

/** Failover rules' beans, wherever the control-plane store is configured. */
@Factory
@Requires(beans = DataSource.class)
public class FailoverBeans {

    @Singleton
    public FailoverStore failoverStore(TransactionOperations<Connection> tx, SchemaMigrations schema) {
        return new JdbcFailoverStore(tx);
    }

    @Singleton
    public FailoverRules failoverRules(FailoverStore store, GatewayConfig config, Clock clock) {
        return new FailoverRules(store, config::modelNames, clock);
    }

    /**
     * Through the budget alerts' publisher: logged, and on AWS published to the alerts topic (retried), or
     * locally posted to the webhook when one is set.
     */
    @Singleton
    public FailoverAlerts failoverAlerts(AlertPublisher publisher) {
        return new AlertPublisherFailoverAlerts(publisher);
    }
}
