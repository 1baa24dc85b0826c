package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.failover.PrimaryHealth;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;

/** Test access to the package-private {@link SlaFailoverHealth}. */
public final class SlaFailoverHealthAccess {
    private SlaFailoverHealthAccess() {}

    public static PrimaryHealth of(TransactionOperations<Connection> tx) {
        return new SlaFailoverHealth(new SlaStore(tx));
    }
}
