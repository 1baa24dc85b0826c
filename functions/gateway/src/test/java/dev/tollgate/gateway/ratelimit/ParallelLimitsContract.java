package dev.tollgate.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.errors.GatewayException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests in flight: exactly max at once, freed by release, and by expiry when a call dies. */
interface ParallelLimitsContract extends RateLimiterContract {
    int CALLS = 32;

    @Test
    default void acquire_32AtOnceUnderMaxParallel5_admitsExactly5UntilOneIsReleased() throws Exception {
        // GIVEN a key with 5 parallel requests (and a roomy rpm, so every call is one transaction)
        RateLimits limits = RateLimits.of(key(1000L, null, 5L));
        // WHEN 32 calls acquire at the same moment
        List<RateLease> winners = race(limits);
        // THEN exactly 5 are in flight
        assertEquals(5, winners.size());
        refused("late", limits, 0);
        // AND a release frees exactly one slot
        limiter().release(winners.get(0), 0);
        acquire("next", limits, 0);
        refused("after-next", limits, 0);
    }

    @Test
    default void acquire_32AtOnceUnderAParallelLimitAlone_admitsExactlyMax() throws Exception {
        // GIVEN only a team bound of 3 parallel requests (one item: a lone conditional update)
        RateLimits limits = RateLimits.of(team(null, null, 3L));
        List<RateLease> winners = race(limits);
        assertEquals(3, winners.size());
        winners.forEach(w -> limiter().release(w, 0));
        // THEN once all are released, 3 fit again
        for (int i = 0; i < 3; i++) {
            acquire("again-" + i, limits, 0);
        }
        refused("fourth", limits, 0);
    }

    @Test
    default void acquire_whenParallelIsFull_refusesWithRetryAfterOneSecond() {
        RateLimits limits = RateLimits.of(team(null, null, 1L));
        acquire("r1", limits, 0);
        GatewayException e = refused("r2", limits, 0);
        assertEquals(
                "Rate limit exceeded for team 'ml': 1 parallel requests, 1 in flight. Retry after 1s.", e.getMessage());
        assertEquals(Map.of("retry-after", "1"), e.headers());
    }

    @Test
    default void acquire_afterACallDiedHoldingASlot_reclaimsItOnceTheLeaseExpires() {
        // GIVEN a call that took the only slot and never released (its Lambda died)
        RateLimits limits = RateLimits.of(key(null, null, 1L));
        acquire("dead", limits, 0);
        clock().advance(LEASE_TTL.minusSeconds(1));
        refused("too-early", limits, 0);
        // WHEN its lease has expired
        clock().advance(Duration.ofSeconds(1));
        // THEN the next call gets the slot, and holds it
        acquire("alive", limits, 0);
        refused("third", limits, 0);
    }

    @Test
    default void release_twice_freesOneSlot() {
        RateLimits limits = RateLimits.of(key(null, null, 2L));
        RateLease first = acquire("r1", limits, 0);
        acquire("r2", limits, 0);
        limiter().release(first, 0);
        limiter().release(first, 0);
        acquire("r3", limits, 0);
        refused("r4", limits, 0);
    }

    @Test
    default void acquire_whenAMinuteLimitIsFull_takesNoSlot() {
        // GIVEN 1 rpm and 5 parallel; the minute's request is used
        RateLimits limits = RateLimits.of(key(1L, null, 5L));
        RateLease first = acquire("r1", limits, 0);
        GatewayException e = refused("r2", limits, 0);
        assertTrue(e.getMessage().contains("1 requests per minute"), e.getMessage());
        // THEN the refused call took no slot: with the first still in flight, exactly 4 more fit
        clock().advance(Duration.ofSeconds(30));
        RateLimits parallelOnly = RateLimits.of(key(null, null, 5L));
        for (int i = 0; i < 4; i++) {
            acquire("p" + i, parallelOnly, 0);
        }
        refused("p4", parallelOnly, 0);
        limiter().release(first, 0);
        acquire("p5", parallelOnly, 0);
    }

    /** {@link #CALLS} acquires released at once; returns the leases of those admitted (the rest got 429). */
    private List<RateLease> race(RateLimits limits) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLS);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<RateLease> winners = new ConcurrentLinkedQueue<>();
        AtomicInteger refusals = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String id = "race-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        winners.add(acquire(id, limits, 0));
                    } catch (GatewayException e) {
                        assertEquals(429, e.status());
                        refusals.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(CALLS, winners.size() + refusals.get());
        return new ArrayList<>(winners);
    }
}
