package dev.tollgate.analytics.failover;

import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertDelivery;
import dev.tollgate.gateway.config.GatewayConfig;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

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

    /** On AWS: the alerts topic, filterable by {@code alert_type} like the budget and SLA alerts. */
    @Singleton
    @Requires(beans = SnsClient.class)
    @Requires(property = "tollgate.alerts.topic-arn")
    public FailoverAlerts snsFailoverAlerts(SnsClient sns, AlertDelivery delivery) {
        return new SnsFailoverAlerts(sns, delivery.getTopicArn());
    }

    /** Locally there is no topic: the alert is logged. */
    @Singleton
    @Requires(missingProperty = "tollgate.alerts.topic-arn")
    public FailoverAlerts loggedFailoverAlerts() {
        return (type, rule, reason) -> LoggerFactory.getLogger(FailoverAlerts.class)
                .warn("{}: {}", type, SnsFailoverAlerts.text(type, rule, reason));
    }
}
