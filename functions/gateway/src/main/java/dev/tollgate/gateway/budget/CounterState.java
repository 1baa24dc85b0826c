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
 */
public record CounterState(BudgetLimit limit, BigDecimal committed, BigDecimal actual, long requests, Instant resetAt) {

    /** {@code limit - committed}, never below zero; null for an uncapped counter. */
    public BigDecimal remaining() {
        if (!limit.capped()) {
            return null;
        }
        BigDecimal left = limit.limit().subtract(committed);
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }
}
