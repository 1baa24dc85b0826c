package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;

/** The limiter contracts against {@link InMemoryRateLimiter}. */
class InMemoryRateLimiterTest implements MinuteLimitsContract, ParallelLimitsContract {
    private final MutableClock clock = new MutableClock(WEDNESDAY);
    private RateLimiter limiter;

    @BeforeEach
    void freshLimiter() {
        limiter = new InMemoryRateLimiter(clock, LEASE_TTL);
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
