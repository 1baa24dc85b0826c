package dev.tollgate.gateway.ratelimit;

import static dev.tollgate.gateway.ratelimit.Callers.key;
import static dev.tollgate.gateway.ratelimit.Callers.principal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.config.RateLimitSettings;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.errors.StoreUnavailableException;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.testing.MutableClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy's entry point: limits from the principal, tokens counted as configured, failures contained. */
class RateLimitServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:15:30Z"));
    private final Principal tpm1000 = principal(key("app", null, 1000L, null, null, null), null, null);

    private RateLimitService service(String tpmCounts) {
        RateLimitSettings settings = new RateLimitSettings(tpmCounts, null);
        return new RateLimitService(new InMemoryRateLimiter(clock, settings.leaseTtl()), settings, clock);
    }

    @Test
    void acquire_withTpmCountsTotal_countsInputAndOutput() {
        RateLimitService s = service(null);
        RateLease lease = s.acquire("r1", tpm1000, "gpt-4o", 300, 200);
        assertEquals("500", s.headers(lease).get("x-ratelimit-remaining-tokens"));
        // settled at 100 + 50 actual
        s.release(lease, 100, 50);
        assertEquals("850", s.headers(s.acquire("r2", tpm1000, "gpt-4o", 0, 0)).get("x-ratelimit-remaining-tokens"));
    }

    @Test
    void acquire_withTpmCountsInput_ignoresOutput() {
        RateLimitService s = service("input");
        assertEquals(
                "700", s.headers(s.acquire("r1", tpm1000, "gpt-4o", 300, 5000)).get("x-ratelimit-remaining-tokens"));
    }

    @Test
    void acquire_withTpmCountsOutput_ignoresInput() {
        RateLimitService s = service("output");
        assertEquals(
                "800", s.headers(s.acquire("r1", tpm1000, "gpt-4o", 5000, 200)).get("x-ratelimit-remaining-tokens"));
    }

    @Test
    void acquire_forAKeyWithoutLimits_neverCallsTheLimiter() {
        RateLimiter exploding = new Broken();
        RateLimitService s = new RateLimitService(exploding, RateLimitSettings.DEFAULT, clock);
        RateLease lease = s.acquire("r1", principal(key("app", null, null, null, null, null), null, null), "m", 1, 1);
        assertTrue(lease.isNoop());
        s.release(lease, 1, 1);
        assertEquals(Map.of(), s.headers(lease));
    }

    @Test
    void acquire_whenTheStoreIsUnreachable_failsClosedWith503() {
        RateLimitService s = new RateLimitService(new Broken(), RateLimitSettings.DEFAULT, clock);
        GatewayException e = assertThrows(GatewayException.class, () -> s.acquire("r1", tpm1000, "m", 1, 1));
        assertEquals(503, e.status());
        assertEquals("rate_limit_store_unavailable", e.code());
    }

    @Test
    void releaseAndHeaders_whenTheLimiterThrows_doNotThrow() {
        RateLimitService s = new RateLimitService(new Broken(), RateLimitSettings.DEFAULT, clock);
        RateLease lease = new RateLease(
                "r1",
                RateLimits.of(new RateLimit(RateScope.KEY, "k", "k", null, 1L, null, null)),
                RateMinute.of(clock.instant()),
                0,
                null,
                null);
        s.release(lease, 1, 1);
        assertEquals(Map.of(), s.headers(lease));
    }

    /** A limiter whose store is down. */
    private static final class Broken implements RateLimiter {
        @Override
        public RateLease acquire(String requestId, RateLimits limits, long estimatedTokens, Instant now) {
            throw new StoreUnavailableException("rate-limit write", new IllegalStateException("connection refused"));
        }

        @Override
        public void release(RateLease lease, long actualTokens) {
            throw new IllegalStateException("release must be contained");
        }

        @Override
        public Map<String, String> headers(RateLease lease) {
            throw new IllegalStateException("headers must be contained");
        }
    }
}
