package dev.tollgate.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RefreshedTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aPeriod_readsOnceUntilItPasses() {
        AtomicInteger reads = new AtomicInteger();
        Refreshed<Integer> r = new Refreshed<>("item", reads::incrementAndGet, Duration.ofSeconds(5), CLOCK, 0);
        assertEquals(1, r.get());
        assertEquals(1, r.get());
        assertEquals(1, reads.get());
    }

    @Test
    void aZeroPeriod_readsOnEveryCall_andConcurrentCallsReadConcurrently() throws Exception {
        CountDownLatch bothReading = new CountDownLatch(2);
        AtomicInteger reads = new AtomicInteger();
        Refreshed<Integer> r = new Refreshed<>(
                "item",
                () -> {
                    bothReading.countDown();
                    try {
                        // with a lock around the read, the second caller could never arrive here
                        assertTrue(bothReading.await(5, TimeUnit.SECONDS), "the reads were serialised");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return reads.incrementAndGet();
                },
                Duration.ZERO,
                CLOCK,
                0);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> a = pool.submit(r::get);
            Future<Integer> b = pool.submit(r::get);
            a.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
        }
        assertEquals(2, reads.get(), "each call read the store");
    }
}
