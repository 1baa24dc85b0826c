package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Exact budgets by reserve-then-settle (docs/architecture.md §4, docs/budgets.md). Before a call, its
 * worst-case cost is reserved on every counter that applies, all or none, only where each stays
 * within its limit; after the call, the reservation is replaced by the actual cost exactly once.
 * A reservation whose call vanished is released by {@link #releaseExpired}. So the committed spend
 * of a counter never passes its limit, whatever the concurrency.
 */
public interface BudgetLedger {

    /**
     * Adds {@code amount} to the committed spend of every limit's counter (current window), all or
     * none, and only if each stays within its limit. Limits on the same counter item are merged
     * (the tightest wins). A limit smaller than {@code amount} is refused without a round trip.
     *
     * @param requestId the call's id; one reservation per id
     * @param amount    USD, not negative
     * @param expiresAt after this the sweeper may release the reservation: later than the call can
     *                  run (on Lambda, start + function timeout + a margin)
     */
    ReserveResult reserve(String requestId, List<BudgetLimit> limits, BigDecimal amount, Instant expiresAt);

    /**
     * Replaces the reservation by the actual cost: committed moves by (actual − reserved), actual
     * and the request and token counts grow, the reservation is removed and the log line written.
     * Exactly once: settling again, or after the sweeper released the reservation, never counts
     * the cost twice (with a log line; see {@link Settlement#logItemJson()}). An actual cost above
     * the reservation (an upstream that ignored {@code max_tokens}) is recorded as it is, so the
     * counter may then end above its limit by the excess.
     */
    void settle(Reservation reservation, Settlement settlement);

    /**
     * Records a cost with no reservation (a call refused before reserving, or a fallback), in the
     * counters' current windows, without checking limits. Once per request id when the settlement
     * carries a log line; without one, every call counts.
     */
    void charge(String requestId, List<BudgetLimit> limits, Settlement settlement);

    /**
     * Releases up to {@code maxItems} reservations that expired at or before {@code now}: their
     * amount leaves committed and the reservation is removed, unless a settlement got there first.
     *
     * @return how many were released
     */
    int releaseExpired(Instant now, int maxItems);

    /** The counters of {@code limits} in the windows containing {@code now}, in the same order. */
    List<CounterState> read(List<BudgetLimit> limits, Instant now);
}
