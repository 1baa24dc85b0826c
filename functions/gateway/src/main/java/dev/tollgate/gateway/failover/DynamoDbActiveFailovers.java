package dev.tollgate.gateway.failover;

import dev.tollgate.gateway.errors.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The failover item ({@link FailoverItems}) read through a cache: at most one eventually consistent
 * {@code GetItem} per refresh period per instance, by whichever call finds the copy stale. A failed read
 * keeps the last known set (and retries after the next period); the request path never waits on more
 * than that one read.
 */
public final class DynamoDbActiveFailovers implements ActiveFailovers {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbActiveFailovers.class);

    private record Snapshot(List<ActiveFailover> failovers, Instant readAt) {}

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration refresh;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public DynamoDbActiveFailovers(DynamoDbClient dynamo, String table, Duration refresh, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public List<ActiveFailover> current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s != null && now.isBefore(s.readAt().plus(refresh))) {
            return s.failovers();
        }
        synchronized (this) {
            s = snapshot;
            if (s != null && now.isBefore(s.readAt().plus(refresh))) {
                return s.failovers();
            }
            List<ActiveFailover> read;
            try {
                read = FailoverItems.failovers(dynamo.getItem(
                                b -> b.tableName(table).key(FailoverItems.key()).projectionExpression("failovers"))
                        .item());
            } catch (SdkException e) {
                LOG.warn("failover item not read; keeping the last known failovers until the next refresh", e);
                read = s == null ? List.of() : s.failovers();
            }
            snapshot = new Snapshot(read, now);
            return read;
        }
    }

    @Override
    public void publish(List<ActiveFailover> failovers) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(FailoverItems.item(failovers, clock.instant())));
        } catch (SdkException e) {
            throw new StoreUnavailableException("failover item not written", e);
        }
        snapshot = null;
    }
}
