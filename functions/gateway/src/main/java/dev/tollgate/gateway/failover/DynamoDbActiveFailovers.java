package dev.tollgate.gateway.failover;

import dev.tollgate.gateway.storage.Refreshed;
import dev.tollgate.gateway.storage.TransientWrites;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The failover item ({@link FailoverItems}) read through a cache: at most one eventually consistent
 * {@code GetItem} per refresh period per instance, by whichever call finds the copy stale. A failed read
 * keeps the last known set (and retries after the next period); the request path never waits on more
 * than that one read.
 */
public final class DynamoDbActiveFailovers implements ActiveFailovers {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Refreshed<List<ActiveFailover>> cached;

    public DynamoDbActiveFailovers(DynamoDbClient dynamo, String table, Duration refresh, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.cached = new Refreshed<>("failover item", this::read, refresh, clock, List.of());
    }

    @Override
    public List<ActiveFailover> current() {
        return cached.get();
    }

    private List<ActiveFailover> read() {
        try {
            return FailoverItems.failovers(dynamo.getItem(
                            b -> b.tableName(table).key(FailoverItems.key()).projectionExpression("failovers"))
                    .item());
        } catch (SdkException e) {
            throw TransientWrites.unavailable("failover item not read", e);
        }
    }

    @Override
    public void publish(List<ActiveFailover> failovers) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(FailoverItems.item(failovers, clock.instant())));
        } catch (SdkException e) {
            throw TransientWrites.unavailable("failover item not written", e);
        }
        cached.invalidate();
    }
}
