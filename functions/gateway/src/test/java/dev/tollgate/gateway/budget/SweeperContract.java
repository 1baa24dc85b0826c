package dev.tollgate.gateway.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reservations of calls that vanished are released, and a settlement that comes late still counts once. */
interface SweeperContract extends LedgerContract {

    @Test
    default void releaseExpired_whenCallNeverSettled_releasesItAndLateSettleCountsOnce() {
        // GIVEN a settled call ($0.30 reserved, $0.10 actual) and a call that crashed holding $0.40
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        ledger().settle(
                        reserved(ledger().reserve("ok", List.of(key), usd("0.30"), inFiveMinutes())),
                        settlement("ok", "0.10"));
        Reservation crashed = reserved(ledger().reserve(
                        "crash", List.of(key), usd("0.40"), clock().instant().plus(Duration.ofMinutes(2))));
        assertCounter(key, usd("0.50"), usd("0.10"), 1);
        // WHEN the clock passes its expiry and the sweeper runs
        clock().advance(Duration.ofMinutes(3));
        int released = ledger().releaseExpired(clock().instant(), 100);
        // THEN it is released: counters are back to the settled sum
        assertEquals(1, released);
        assertCounter(key, usd("0.10"), usd("0.10"), 1);
        assertEquals(0, openReservations());
        assertEquals(0, ledger().releaseExpired(clock().instant(), 100));
        // AND when the lost call settles after all ($0.25), its cost counts exactly once
        ledger().settle(crashed, settlement("crash", "0.25"));
        ledger().settle(crashed, settlement("crash", "0.25"));
        assertCounter(key, usd("0.35"), usd("0.35"), 2);
        assertTrue(hasLog("crash"));
    }

    @Test
    default void releaseExpired_beforeExpiry_releasesNothing() {
        // GIVEN a reservation that expires in 5 minutes
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        Reservation r = reserved(ledger().reserve("slow", List.of(key), usd("0.40"), inFiveMinutes()));
        // WHEN the sweeper runs 4 minutes later
        clock().advance(Duration.ofMinutes(4));
        // THEN the slow call keeps its reservation and settles normally
        assertEquals(0, ledger().releaseExpired(clock().instant(), 100));
        assertEquals(1, openReservations());
        ledger().settle(r, settlement("slow", "0.40"));
        assertCounter(key, usd("0.40"), usd("0.40"), 1);
    }

    @Test
    default void releaseExpired_whenMoreThanMaxItems_releasesAtMostMaxItemsPerRun() {
        // GIVEN 5 expired reservations
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "10");
        for (int i = 0; i < 5; i++) {
            reserved(ledger().reserve("lost-" + i, List.of(key), usd("0.10"), inFiveMinutes()));
        }
        clock().advance(Duration.ofMinutes(6));
        // WHEN the sweeper runs with a batch of 2, then again with room
        // THEN it releases 2, then the other 3, and nothing is left committed
        assertEquals(2, ledger().releaseExpired(clock().instant(), 2));
        assertEquals(3, ledger().releaseExpired(clock().instant(), 100));
        assertCounter(key, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    @Test
    default void settle_whenRacingTheSweeper_countsEachCallExactlyOnce() throws Exception {
        // GIVEN 16 expired reservations of $0.50
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "100");
        List<Reservation> open = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            open.add(reserved(ledger().reserve("late-" + i, List.of(key), usd("0.50"), inFiveMinutes())));
        }
        clock().advance(Duration.ofMinutes(6));
        // WHEN their late settlements ($0.20 each) and two sweepers run at the same time
        ExecutorService pool = Executors.newFixedThreadPool(18);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> tasks = new ArrayList<>();
        try {
            for (Reservation r : open) {
                tasks.add(pool.submit(() -> {
                    start.await();
                    ledger().settle(r, settlement(r.requestId(), "0.20"));
                    return null;
                }));
            }
            for (int s = 0; s < 2; s++) {
                tasks.add(pool.submit(() -> {
                    start.await();
                    return ledger().releaseExpired(clock().instant(), 100);
                }));
            }
            start.countDown();
            for (Future<?> f : tasks) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        // THEN whichever won each race, every call counted once: 16 × 0.20 = 3.20
        assertCounter(key, usd("3.20"), usd("3.20"), 16);
        assertEquals(0, openReservations());
    }

    @Test
    default void settle_whenReleasedAndNoLog_recordsNothing() {
        // GIVEN a released reservation whose settlement carries no log line
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        Reservation r = reserved(ledger().reserve("quiet", List.of(key), usd("0.40"), inFiveMinutes()));
        clock().advance(Duration.ofMinutes(6));
        assertEquals(1, ledger().releaseExpired(clock().instant(), 10));
        // WHEN it settles late
        ledger().settle(r, Settlement.withoutLog(usd("0.30"), 10, 10));
        // THEN nothing is counted: without a log item "released" and "already settled" look alike,
        // and the ledger errs towards never double-counting (documented in docs/budgets.md)
        assertCounter(key, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }
}
