package dev.tollgate.gateway.cache;

import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The response cache in force: the gateway's table wherever one is configured, else memory. */
@Factory
public class ResponseCacheFactory {

    @Singleton
    @Requires(beans = DynamoDbClient.class)
    public ResponseCache dynamoDbResponseCache(DynamoDbClient dynamo, StorageSettings storage) {
        return new DynamoDbResponseCache(dynamo, storage.getTable());
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    public ResponseCache inMemoryResponseCache() {
        return new InMemoryResponseCache(10_000);
    }
}
