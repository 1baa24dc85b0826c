package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The limiter contracts against {@link DynamoDbRateLimiter} on DynamoDB Local, a fresh table per test. */
class DynamoDbRateLimiterTest implements MinuteLimitsContract, ParallelLimitsContract {
    private static DynamoDbClient dynamo;
    private final MutableClock clock = new MutableClock(WEDNESDAY);
    private RateLimiter limiter;

    @BeforeAll
    static void startDynamo() {
        dynamo = DynamoDbLocal.client();
    }

    @AfterAll
    static void closeClient() {
        dynamo.close();
    }

    @BeforeEach
    void freshLimiter() {
        limiter = new DynamoDbRateLimiter(dynamo, DynamoDbLocal.createTable(dynamo, "rate"), clock, LEASE_TTL);
    }

    @Override
    public RateLimiter limiter() {
        return limiter;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }
}
