package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/** The answer to {@link BudgetLedger#reserve}: all counters moved, or none and why. */
public sealed interface ReserveResult {

    /** Every counter had room; the amount is now committed on each. */
    record Reserved(Reservation reservation) implements ReserveResult {}

    /**
     * At least one limit lacked room; nothing was written.
     *
     * @param shortfalls every refusing limit the ledger saw (at least one)
     */
    record Insufficient(List<Shortfall> shortfalls) implements ReserveResult {

        public Insufficient {
            shortfalls = List.copyOf(shortfalls);
            if (shortfalls.isEmpty()) {
                throw new IllegalArgumentException("an insufficient result names at least one limit");
            }
        }

        /** The shortfall with the least remaining budget: the one to name in a 429 and to clamp to. */
        public Shortfall tightest() {
            return shortfalls.stream()
                    .min(Comparator.comparing(Shortfall::remaining))
                    .orElseThrow();
        }

        /** {@code limit - committed} of the tightest limit, never below zero. */
        public BigDecimal remaining() {
            return tightest().remaining();
        }
    }
}
