package dev.tollgate.gateway.bridge.responses;

import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The response store in force: the gateway's table wherever one is configured, else memory. */
@Factory
public class ResponseStoreFactory {

    @Singleton
    @Requires(beans = DynamoDbClient.class)
    public ResponseStore dynamoDbResponseStore(DynamoDbClient dynamo, StorageSettings storage, Clock clock) {
        return new DynamoDbResponseStore(dynamo, storage.getTable(), clock);
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    public ResponseStore inMemoryResponseStore(Clock clock) {
        return new InMemoryResponseStore(clock);
    }
}
