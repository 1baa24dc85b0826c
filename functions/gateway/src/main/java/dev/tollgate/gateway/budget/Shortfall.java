package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A limit that lacked room for a reservation, with what the caller needs to clamp and retry.
 *
 * @param limit     the limit that refused
 * @param committed the counter's committed spend (settled + open reservations) when it refused;
 *                  null when the amount exceeds the limit on its own, which is answered without
 *                  reading the counter
 * @param resetAt   when the window resets; null for lifetime
 */
public record Shortfall(BudgetLimit limit, BigDecimal committed, Instant resetAt) {

    public Shortfall {
        Objects.requireNonNull(limit, "limit");
        if (!limit.capped()) {
            throw new IllegalArgumentException("an uncapped counter cannot fall short");
        }
    }

    /**
     * What is left: {@code limit - committed}, never below zero. When {@code committed} is unknown
     * this is the limit itself, an upper bound: a retry with a share of it may still fall short
     * and then reports the committed spend.
     */
    public BigDecimal remaining() {
        BigDecimal left = committed == null ? limit.limit() : limit.limit().subtract(committed);
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }
}
