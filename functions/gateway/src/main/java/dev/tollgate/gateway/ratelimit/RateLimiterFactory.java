package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.RateLimitSettings;
import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The rate limiter in force: DynamoDB wherever a table is configured (AWS, {@code ./tollgate local}),
 * in memory where no storage exists (unit tests, the overhead benchmark) — as budget/LedgerFactory.
 */
@Factory
public class RateLimiterFactory {

    /** {@code settings.rate_limits} of {@code tollgate.yml}. */
    @Singleton
    public RateLimitSettings rateLimitSettings(GatewayConfig config) {
        // Until GatewaySettings carries the block: config.settings().rateLimitsOrDefault()
        return config.settings().rateLimitsOrDefault();
    }

    @Singleton
    @Requires(beans = DynamoDbClient.class)
    public RateLimiter dynamoDbRateLimiter(
            DynamoDbClient dynamo, StorageSettings storage, RateLimitSettings settings, Clock clock) {
        return new DynamoDbRateLimiter(dynamo, storage.getTable(), clock, settings.leaseTtl());
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    public RateLimiter inMemoryRateLimiter(RateLimitSettings settings, Clock clock) {
        return new InMemoryRateLimiter(clock, settings.leaseTtl());
    }
}
