package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A limit bound to the counter item of its current window. {@link #bind} removes duplicates: two
 * limits on one counter item (same scope, id and window) keep only the tighter, because a
 * DynamoDB transaction may not touch one item twice and the tighter limit implies the other.
 *
 * @param key   the counter item
 * @param limit the limit checked against it
 */
record BoundCounter(CounterKey key, BudgetLimit limit) {

    /**
     * The most counters one call may move. Settlement writes every counter plus the reservation
     * delete and the log put, and stays within DynamoDB's classic 25-item transaction limit.
     */
    static final int MAX_COUNTERS = 23;

    static List<BoundCounter> bind(List<BudgetLimit> limits, Instant now, ZoneId zone) {
        Map<CounterKey, BudgetLimit> byKey = new LinkedHashMap<>();
        for (BudgetLimit limit : limits) {
            byKey.merge(CounterKey.of(limit, now, zone), limit, BoundCounter::tighter);
        }
        if (byKey.size() > MAX_COUNTERS) {
            throw new IllegalArgumentException(
                    "a call may move at most " + MAX_COUNTERS + " budget counters, got " + byKey.size());
        }
        List<BoundCounter> bound = new ArrayList<>(byKey.size());
        byKey.forEach((key, limit) -> bound.add(new BoundCounter(key, limit)));
        return bound;
    }

    /**
     * Limits that cannot take {@code amount} even on an empty counter ({@code limit - amount < 0}).
     * Checked before any write: the reserve condition admits a counter that does not exist yet, so
     * without this check a call dearer than the whole budget would pass on a fresh window.
     */
    static List<Shortfall> exceedingOnTheirOwn(
            List<BoundCounter> counters, BigDecimal amount, Instant now, ZoneId zone) {
        List<Shortfall> shortfalls = new ArrayList<>();
        for (BoundCounter c : counters) {
            if (c.limit().limitsRequests() && c.limit().maxRequests() < 1) {
                shortfalls.add(
                        Shortfall.requests(c.limit(), 0, c.limit().window().resetAt(now, zone)));
            } else if (c.limit().capped() && c.limit().limit().compareTo(amount) < 0) {
                shortfalls.add(new Shortfall(c.limit(), null, c.limit().window().resetAt(now, zone)));
            }
        }
        return shortfalls;
    }

    private static BudgetLimit tighter(BudgetLimit a, BudgetLimit b) {
        return BudgetLimit.tighter(a, b);
    }
}
