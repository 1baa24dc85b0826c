package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.store.SchemaMigrations;
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
    public SlaService slaService(TransactionOperations<Connection> tx, Clock clock, SchemaMigrations schema) {
        return new SlaService(new SlaStore(tx), clock);
    }
}
