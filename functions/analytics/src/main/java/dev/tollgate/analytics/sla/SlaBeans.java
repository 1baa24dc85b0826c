package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.failover.FailoverAlerts;
import dev.tollgate.analytics.failover.FailoverEvaluation;
import dev.tollgate.analytics.failover.FailoverStore;
import dev.tollgate.analytics.store.SchemaMigrations;
import dev.tollgate.gateway.alerts.AlertPublisher;
import dev.tollgate.gateway.failover.ActiveFailovers;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;

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

    /**
     * Through the budget alerts' publisher: logged, and on AWS published to the alerts topic (retried), or
     * locally posted to the webhook when one is set.
     */
    @Singleton
    public SlaAlerts slaAlerts(AlertPublisher publisher) {
        return new AlertPublisherSlaAlerts(publisher);
    }
}
