package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.failover.FailoverAlerts;
import dev.tollgate.analytics.failover.FailoverEvaluation;
import dev.tollgate.analytics.failover.FailoverStore;
import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertDelivery;
import dev.tollgate.gateway.failover.ActiveFailovers;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sns.SnsClient;

/** SLA monitoring's beans, wherever the control-plane store is configured. */
@Factory
@Requires(beans = DataSource.class)
public class SlaBeans {

    @Singleton
    public SlaService slaService(
            TransactionOperations<Connection> tx,
            Clock clock,
            SlaAlerts alerts,
            SchemaMigrations schema,
            FailoverStore failoverStore,
            ActiveFailovers published,
            FailoverAlerts failoverAlerts) {
        SlaStore store = new SlaStore(tx);
        return new SlaService(
                store,
                clock,
                alerts,
                new FailoverEvaluation(failoverStore, new SlaFailoverHealth(store), published, failoverAlerts));
    }

    /** On AWS: the alerts topic, filterable by {@code alert_type} like the budget alerts. */
    @Singleton
    @Requires(beans = SnsClient.class)
    @Requires(property = "tollgate.alerts.topic-arn")
    public SlaAlerts snsSlaAlerts(SnsClient sns, AlertDelivery delivery) {
        return new SnsSlaAlerts(sns, delivery.getTopicArn());
    }

    /** Locally there is no topic: the alert is logged. */
    @Singleton
    @Requires(missingProperty = "tollgate.alerts.topic-arn")
    public SlaAlerts loggedSlaAlerts() {
        return (type, v) -> LoggerFactory.getLogger(SlaAlerts.class).warn("{}: {}", type, SnsSlaAlerts.text(type, v));
    }
}
