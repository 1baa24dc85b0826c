package dev.tollgate.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * The fixture every limiter contract runs on: a limiter on a fresh store and a clock the test moves.
 * A test class per implementation implements the contract interfaces ({@link MinuteLimitsContract},
 * {@link ParallelLimitsContract}), so the same behavioural tests run against DynamoDB Local and memory.
 */
interface RateLimiterContract {
    /** Half past a minute: a per-minute refusal says {@code Retry-After: 30}. */
    Instant WEDNESDAY = Instant.parse("2026-03-04T10:15:30Z");

    Duration LEASE_TTL = Duration.ofMinutes(16);

    /** The limiter under test, on a fresh store, releasing by {@link #clock()}. */
    RateLimiter limiter();

    MutableClock clock();

    default RateLimit key(Long rpm, Long tpm, Long maxParallel) {
        return new RateLimit(RateScope.KEY, "k1", "app", null, rpm, tpm, maxParallel);
    }

    default RateLimit team(Long rpm, Long tpm, Long maxParallel) {
        return new RateLimit(RateScope.TEAM, "t1", "ml", null, rpm, tpm, maxParallel);
    }

    default RateLimit model(String model, Long rpm, Long tpm) {
        return new RateLimit(RateScope.KEY, "k1", "app", model, rpm, tpm, null);
    }

    default RateLease acquire(String requestId, RateLimits limits, long estimatedTokens) {
        return limiter().acquire(requestId, limits, estimatedTokens, clock().instant());
    }

    /** Asserts the call is refused with 429 rate_limit_exceeded and returns the error. */
    default GatewayException refused(String requestId, RateLimits limits, long estimatedTokens) {
        GatewayException e = assertThrows(GatewayException.class, () -> acquire(requestId, limits, estimatedTokens));
        assertEquals(429, e.status());
        assertEquals("rate_limit_exceeded", e.type());
        assertEquals("rate_limit_exceeded", e.code());
        return e;
    }
}
