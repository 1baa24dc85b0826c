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
        SlowRead read = new SlowRead(2); // the refresh at expiry is slow
        Refreshed<Integer> r = new Refreshed<>("item", read::read, Duration.ofSeconds(5), clock, 0);
        assertEquals(1, r.get());
        clock.advance(Duration.ofSeconds(6));
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> refresher = pool.submit(r::get);
            read.awaitReading();
            // while it reads: another caller is answered at once, with the stale copy, and does not read
            assertEquals(1, pool.submit(r::get).get(10, TimeUnit.SECONDS));
            read.release();
            assertEquals(2, refresher.get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, r.get(), "the new copy");
        assertEquals(2, read.reads());
    }

    @Test
    void theFirstRead_makesConcurrentCallersWait_forThereIsNothingToServe() throws Exception {
        SlowRead read = new SlowRead(1);
        Refreshed<Integer> r = new Refreshed<>("item", () -> 40 + read.read(), Duration.ofSeconds(5), CLOCK, 0);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> first = pool.submit(r::get);
            read.awaitReading();
            Future<Integer> second = pool.submit(r::get);
            read.release();
            assertEquals(41, first.get(10, TimeUnit.SECONDS));
            assertEquals(41, second.get(10, TimeUnit.SECONDS), "the first read's value, not the initial 0");
        }
        assertEquals(1, read.reads());
    }

    @Test
    void anInvalidationDuringARead_winsOverIt_theNextCallReadsAgain() throws Exception {
        AtomicInteger stored = new AtomicInteger(1);
        SlowRead read = new SlowRead(1);
        Refreshed<Integer> r = new Refreshed<>(
                "item",
                () -> {
                    int value = stored.get(); // answered before the write below
                    read.read();
                    return value;
                },
                Duration.ofSeconds(5),
                CLOCK,
                0);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> before = pool.submit(r::get);
            read.awaitReading();
            // this instance writes the item, then invalidates its copy, while the read above is under way
            stored.set(2);
            r.invalidate();
            read.release();
            assertEquals(1, before.get(10, TimeUnit.SECONDS), "that read's caller gets what it read");
        }
        assertEquals(2, r.get(), "the old value was not kept for a period: the written one is read");
        assertEquals(2, r.get());
        assertEquals(2, read.reads(), "read again once, then kept");
    }

    @Test
    void anInvalidationDuringARefresh_winsOverIt() throws Exception {
        MutableClock clock = new MutableClock(CLOCK.instant());
        AtomicInteger stored = new AtomicInteger(1);
        SlowRead read = new SlowRead(2); // the refresh at expiry
        Refreshed<Integer> r = new Refreshed<>(
                "item",
                () -> {
                    int value = stored.get();
                    read.read();
                    return value;
                },
                Duration.ofSeconds(5),
                clock,
                0);
        assertEquals(1, r.get());
        clock.advance(Duration.ofSeconds(6));
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> refresher = pool.submit(r::get);
            read.awaitReading();
            stored.set(2);
            r.invalidate();
            read.release();
            assertEquals(1, refresher.get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, r.get(), "not the refresh's old value, stamped after the write");
        assertEquals(3, read.reads());
    }

    /**
     * A store read that counts its calls and blocks on the {@code slow}-th until {@link #release()}d, saying when
     * that read is under way.
     */
    private static final class SlowRead {
        private final int slow;
        private final AtomicInteger reads = new AtomicInteger();
        private final CountDownLatch reading = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        SlowRead(int slow) {
            this.slow = slow;
        }

        /** Reads: the number of this read. */
        int read() {
            int n = reads.incrementAndGet();
            if (n == slow) {
                reading.countDown();
                await(release, "released");
            }
            return n;
        }

        void awaitReading() throws InterruptedException {
            assertTrue(reading.await(10, TimeUnit.SECONDS), "the slow read began");
        }

        void release() {
            release.countDown();
        }

        int reads() {
            return reads.get();
        }
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
