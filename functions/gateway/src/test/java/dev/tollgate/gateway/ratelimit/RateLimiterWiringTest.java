package dev.tollgate.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The DynamoDB limiter wherever a table is configured, the in-memory one otherwise. */
class RateLimiterWiringTest {

    @Test
    void withoutStorage_theInMemoryLimiterIsUsed() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("tollgate.master-key", "sk-wiring-master"))) {
            assertInstanceOf(InMemoryRateLimiter.class, context.getBean(RateLimiter.class));
            assertNotNull(context.getBean(RateLimitService.class));
        }
    }

    @Test
    void withStorage_theDynamoDbLimiterIsUsed() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "tollgate.master-key",
                "sk-wiring-master",
                "tollgate.storage.table",
                "wiring",
                "tollgate.storage.region",
                "us-east-1",
                "tollgate.storage.dynamodb-endpoint",
                "http://127.0.0.1:9"))) {
            assertInstanceOf(DynamoDbRateLimiter.class, context.getBean(RateLimiter.class));
            assertNotNull(context.getBean(RateLimitService.class));
        }
    }
}
