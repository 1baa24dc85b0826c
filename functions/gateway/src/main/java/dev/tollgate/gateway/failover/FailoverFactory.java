package dev.tollgate.gateway.failover;

import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The failover item in the gateway's table wherever one is configured; in memory otherwise.
 * {@code tollgate.failover.refresh-seconds} (default 5, 0–10) bounds how late an instance learns of a change.
 */
@Factory
public class FailoverFactory {

    @Singleton
    @Requires(beans = DynamoDbClient.class)
    public ActiveFailovers dynamoDbFailovers(
            DynamoDbClient dynamo,
            StorageSettings storage,
            Clock clock,
            @Value("${tollgate.failover.refresh-seconds:5}") int refreshSeconds) {
        if (refreshSeconds < 0 || refreshSeconds > 10) {
            throw new IllegalStateException(
                    "tollgate.failover.refresh-seconds must be from 0 to 10 (failovers reach every instance within"
                            + " 10 seconds): " + refreshSeconds);
        }
        return new DynamoDbActiveFailovers(dynamo, storage.getTable(), Duration.ofSeconds(refreshSeconds), clock);
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    public ActiveFailovers inMemoryFailovers() {
        return new InMemoryActiveFailovers();
    }
}
