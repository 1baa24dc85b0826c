package dev.tollgate.gateway.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.testing.MutableClock;
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
                    // with a lock around the read, the second caller could never arrive here
                    await(bothReading, "the reads were serialised");
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

    @Test
    void atExpiry_oneCallerReads_andTheOthersGoOnWithTheStaleCopyMeanwhile() throws Exception {
        MutableClock clock = new MutableClock(CLOCK.instant());
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        Refreshed<Integer> r = new Refreshed<>(
                "item",
                () -> {
                    int n = reads.incrementAndGet();
                    if (n == 2) { // the refresh at expiry is slow
                        reading.countDown();
                        await(release, "released");
                    }
                    return n;
                },
                Duration.ofSeconds(5),
                clock,
                0);
        assertEquals(1, r.get());
        clock.advance(Duration.ofSeconds(6));
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> refresher = pool.submit(r::get);
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            // while it reads: another caller is answered at once, with the stale copy, and does not read
            assertEquals(1, pool.submit(r::get).get(10, TimeUnit.SECONDS));
            release.countDown();
            assertEquals(2, refresher.get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, r.get(), "the new copy");
        assertEquals(2, reads.get());
    }

    @Test
    void theFirstRead_makesConcurrentCallersWait_forThereIsNothingToServe() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        Refreshed<Integer> r = new Refreshed<>(
                "item",
                () -> {
                    reading.countDown();
                    await(release, "released");
                    return 40 + reads.incrementAndGet();
                },
                Duration.ofSeconds(5),
                CLOCK,
                0);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = pool.submit(r::get);
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            Future<Integer> second = pool.submit(r::get);
            release.countDown();
            assertEquals(41, first.get(10, TimeUnit.SECONDS));
            assertEquals(41, second.get(10, TimeUnit.SECONDS), "the first read's value, not the initial 0");
        }
        assertEquals(1, reads.get());
    }

    @Test
    void anInvalidationDuringARead_winsOverIt_theNextCallReadsAgain() throws Exception {
        AtomicInteger stored = new AtomicInteger(1);
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Refreshed<Integer> r = new Refreshed<>(
                "item",
                () -> {
                    int value = stored.get(); // answered before the write below
                    if (reads.incrementAndGet() == 1) {
                        reading.countDown();
                        await(release, "released");
                    }
                    return value;
                },
                Duration.ofSeconds(5),
                CLOCK,
                0);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> before = pool.submit(r::get);
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            // this instance writes the item, then invalidates its copy, while the read above is under way
            stored.set(2);
            r.invalidate();
            release.countDown();
            assertEquals(1, before.get(10, TimeUnit.SECONDS), "that read's caller gets what it read");
        }
        assertEquals(2, r.get(), "the old value was not kept for a period: the written one is read");
        assertEquals(2, r.get());
        assertEquals(2, reads.get(), "read again once, then kept");
    }

    @Test
    void anInvalidationDuringARefresh_winsOverIt() throws Exception {
        MutableClock clock = new MutableClock(CLOCK.instant());
        AtomicInteger stored = new AtomicInteger(1);
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Refreshed<Integer> r = new Refreshed<>(
                "item",
                () -> {
                    int value = stored.get();
                    if (reads.incrementAndGet() == 2) { // the refresh at expiry
                        reading.countDown();
                        await(release, "released");
                    }
                    return value;
                },
                Duration.ofSeconds(5),
                clock,
                0);
        assertEquals(1, r.get());
        clock.advance(Duration.ofSeconds(6));
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> refresher = pool.submit(r::get);
            assertTrue(reading.await(10, TimeUnit.SECONDS));
            stored.set(2);
            r.invalidate();
            release.countDown();
            assertEquals(1, refresher.get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, r.get(), "not the refresh's old value, stamped after the write");
        assertEquals(3, reads.get());
    }

    /** Inside a read: waits for the latch, failing the test if it does not open. */
    private static void await(CountDownLatch latch, String what) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), what);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
