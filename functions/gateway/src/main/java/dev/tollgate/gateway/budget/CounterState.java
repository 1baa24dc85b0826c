package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One counter as read now, for info endpoints and response headers.
 *
 * @param limit     the limit it was read for
 * @param committed settled spend plus open reservations, USD
 * @param actual    settled spend only, USD
 * @param requests  settled calls in the window
 * @param resetAt   when the window resets; null for lifetime
 * @param inFlight  open reservations on the counter: calls admitted and not yet settled or released
 */
public record CounterState(
        BudgetLimit limit, BigDecimal committed, BigDecimal actual, long requests, Instant resetAt, long inFlight) {

    /** A counter read without its in-flight count (none open). */
    public CounterState(BudgetLimit limit, BigDecimal committed, BigDecimal actual, long requests, Instant resetAt) {
        this(limit, committed, actual, requests, resetAt, 0);
    }

    /**
     * What calls in flight hold: {@code committed - actual} (settling replaces a reservation by its actual
     * cost, so the difference is exactly the open reservations), never below zero.
     */
    public BigDecimal reserved() {
        BigDecimal held = committed.subtract(actual);
        return held.signum() < 0 ? BigDecimal.ZERO : held;
    }

    /** {@code limit - committed}, never below zero; null for an uncapped counter. */
    public BigDecimal remaining() {
        if (!limit.capped()) {
            return null;
        }
        BigDecimal left = limit.limit().subtract(committed);
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }
}
