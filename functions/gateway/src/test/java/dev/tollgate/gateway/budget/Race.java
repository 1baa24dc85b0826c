package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Many calls at once against one ledger: every call reserves its worst case at the same moment
 * (a start latch), the winners stay in flight until every call has tried, then all settle
 * concurrently. Meanwhile a watcher reads the watched counters and keeps the highest committed
 * spend it saw.
 */
final class Race {

    /** What happened: actual cost by winning call index, and the highest committed seen per watched limit. */
    record Outcome(Map<Integer, BigDecimal> winners, Map<BudgetLimit, BigDecimal> maxCommitted) {}

    private Race() {}

    static Outcome run(
            BudgetLedger ledger,
            Clock clock,
            int calls,
            IntFunction<List<BudgetLimit>> limitsOf,
            BigDecimal worstCase,
            IntFunction<BigDecimal> actualOf,
            List<BudgetLimit> watched)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(calls);
        Map<Integer, BigDecimal> winners = new ConcurrentHashMap<>();
        Map<BudgetLimit, BigDecimal> max = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                for (CounterState s : ledger.read(watched, clock.instant())) {
                    max.merge(s.limit(), s.committed(), BigDecimal::max);
                }
                sleep(2);
            }
        });
        try {
            watcher.start();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int call = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    ReserveResult result;
                    try {
                        result = ledger.reserve(
                                "race-" + call,
                                limitsOf.apply(call),
                                worstCase,
                                clock.instant().plus(Duration.ofMinutes(5)));
                    } finally {
                        tried.countDown();
                    }
                    if (result instanceof ReserveResult.Reserved reserved) {
                        tried.await();
                        BigDecimal actual = actualOf.apply(call);
                        ledger.settle(
                                reserved.reservation(),
                                new Settlement(
                                        actual,
                                        100,
                                        50,
                                        "{\"request_id\":\"race-" + call + "\"}",
                                        clock.instant().plus(Duration.ofDays(30))));
                        winners.put(call, actual);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            watcher.join();
            pool.shutdownNow();
        }
        for (CounterState s : ledger.read(watched, clock.instant())) {
            max.merge(s.limit(), s.committed(), BigDecimal::max);
        }
        return new Outcome(winners, max);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
