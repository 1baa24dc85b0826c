package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A limit that lacked room for a reservation, with what the caller needs to clamp, retry, and tell the
 * client the truth: how much of the limit is spent and how much is only held by calls in flight.
 *
 * @param limit     the limit that refused
 * @param committed the counter's committed spend (settled + open reservations) when it refused;
 *                  null when the amount exceeds the limit on its own, which is answered without
 *                  reading the counter
 * @param actual    the counter's settled spend at that moment; null when {@code committed} is
 * @param inFlight  open reservations on the counter at that moment (0 when unknown)
 * @param resetAt   when the window resets; null for lifetime
 * @param calls     when the counter refused for its request limit ({@link BudgetLimit#maxRequests()}): the calls
 *                  it had admitted; null when it refused for money
 */
public record Shortfall(
        BudgetLimit limit, BigDecimal committed, BigDecimal actual, long inFlight, Instant resetAt, Long calls) {

    public Shortfall(BudgetLimit limit, BigDecimal committed, BigDecimal actual, long inFlight, Instant resetAt) {
        this(limit, committed, actual, inFlight, resetAt, null);
    }

    /** A counter whose request limit is used up: no room at all, whatever its money says. */
    public static Shortfall requests(BudgetLimit limit, long calls, Instant resetAt) {
        return new Shortfall(limit, null, null, 0, resetAt, calls);
    }

    /** Whether the request limit refused (not the money). */
    public boolean byRequests() {
        return calls != null;
    }

    public Shortfall {
        Objects.requireNonNull(limit, "limit");
        if (!limit.capped() && calls == null) {
            throw new IllegalArgumentException("an uncapped counter cannot fall short");
        }
        if (committed != null && actual == null) {
            actual = committed;
        }
    }

    /** A shortfall with no breakdown: everything committed counts as spent. */
    public Shortfall(BudgetLimit limit, BigDecimal committed, Instant resetAt) {
        this(limit, committed, committed, 0, resetAt);
    }

    /**
     * What is left: {@code limit - committed}, never below zero. When {@code committed} is unknown
     * this is the limit itself, an upper bound: a retry with a share of it may still fall short
     * and then reports the committed spend.
     */
    public BigDecimal remaining() {
        if (byRequests()) {
            return BigDecimal.ZERO;
        }
        BigDecimal left = committed == null ? limit.limit() : limit.limit().subtract(committed);
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }

    /** What reservations of calls in flight hold: {@code committed - actual}, never below zero; 0 when unknown. */
    public BigDecimal reserved() {
        if (committed == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal held = committed.subtract(actual);
        return held.signum() < 0 ? BigDecimal.ZERO : held;
    }

    /**
     * What settled spend leaves: {@code limit - actual}, never below zero. When the counter was not read
     * this is the limit (nothing is known to be spent).
     */
    public BigDecimal unspent() {
        if (byRequests()) {
            return BigDecimal.ZERO;
        }
        BigDecimal left = actual == null ? limit.limit() : limit.limit().subtract(actual);
        return left.signum() < 0 ? BigDecimal.ZERO : left;
    }
}
