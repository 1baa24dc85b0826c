package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.util.List;

/**
 * The counters a call moved, as read while it ran (after its reservation, before its settlement), for
 * the spend headers. Values are adjusted by the call's own settlement; concurrent calls make them a
 * close, not an exact, picture — the exact figures are the counters themselves.
 *
 * @param states     the counters read
 * @param reserved   what this call had reserved when they were read
 */
public record SpendSnapshot(List<CounterState> states, BigDecimal reserved) {

    /**
     * The key's spend after this call: its lifetime (or widest) counter's actual spend plus this call's
     * cost; null when no key counter was moved (the master key).
     */
    public BigDecimal keySpend(BigDecimal actual) {
        CounterState key = null;
        for (CounterState s : states) {
            if (s.limit().scope() == Scope.KEY && (key == null || s.limit().window() == BudgetWindow.LIFETIME)) {
                key = s;
            }
        }
        return key == null ? null : key.actual().add(actual);
    }

    /** The key's hard budget (its lifetime or first window), or null. */
    public BigDecimal keyMaxBudget() {
        for (CounterState s : states) {
            if (s.limit().scope() == Scope.KEY && s.limit().capped()) {
                return s.limit().limit();
            }
        }
        return null;
    }

    /** What remains of the tightest hard budget once this call is settled, or null when none applies. */
    public BigDecimal tightestRemaining(BigDecimal actual) {
        BigDecimal tightest = null;
        for (CounterState s : states) {
            BudgetLimit limit = s.limit();
            if (!limit.capped()) {
                continue;
            }
            BigDecimal remaining =
                    limit.limit().subtract(s.committed().add(actual).subtract(reserved));
            if (tightest == null || remaining.compareTo(tightest) < 0) {
                tightest = remaining;
            }
        }
        return tightest == null ? null : tightest.max(BigDecimal.ZERO);
    }
}
