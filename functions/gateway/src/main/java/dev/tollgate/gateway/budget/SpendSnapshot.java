package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counters a call moved, as read while it ran (after its reservation, before its settlement), for
 * the spend headers. Values are adjusted by the call's own settlement; concurrent calls make them a
 * close, not an exact, picture — the exact figures are the counters themselves.
 *
 * @param states     the counters read
 * @param reserved   what this call had reserved when they were read
 */
public record SpendSnapshot(List<CounterState> states, BigDecimal reserved) {
    public static final String REMAINING = "x-tollgate-budget-remaining";
    public static final String SPENT = "x-tollgate-budget-spent";
    public static final String RESERVED = "x-tollgate-budget-reserved";
    public static final String IN_FLIGHT = "x-tollgate-budget-in-flight";
    public static final String LIMIT = "x-tollgate-budget-limit";
    public static final String SCOPE = "x-tollgate-budget-scope";

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
        CounterState tightest = tightest(actual);
        return tightest == null ? null : remainingAfter(tightest, actual);
    }

    /**
     * The tightest hard budget once this call is settled, in separate headers: {@code x-tollgate-budget-remaining}
     * (limit − spent − reserved), {@code -spent} (settled, this call included), {@code -reserved} (held by other
     * calls in flight), {@code -in-flight} (how many), {@code -limit} and {@code -scope} (which budget and window).
     * Empty when no hard budget applies.
     */
    public Map<String, String> budgetHeaders(BigDecimal actual) {
        CounterState s = tightest(actual);
        Map<String, String> headers = new LinkedHashMap<>();
        if (s == null) {
            return headers;
        }
        BigDecimal othersReserved = s.reserved().subtract(reserved).max(BigDecimal.ZERO);
        headers.put(REMAINING, plain(remainingAfter(s, actual)));
        headers.put(SPENT, plain(s.actual().add(actual)));
        headers.put(RESERVED, plain(othersReserved));
        headers.put(IN_FLIGHT, Long.toString(Math.max(0, s.inFlight() - 1)));
        headers.put(LIMIT, plain(s.limit().limit()));
        headers.put(SCOPE, scope(s.limit()));
        return headers;
    }

    /** The value of {@code x-tollgate-budget-scope}: {@code key; window=1mo}, {@code team_member; window=lifetime}. */
    public static String scope(BudgetLimit limit) {
        return limit.scope().label().replace(' ', '_') + "; window="
                + (limit.window() == BudgetWindow.LIFETIME
                        ? "lifetime"
                        : limit.window().code());
    }

    private CounterState tightest(BigDecimal actual) {
        CounterState tightest = null;
        BigDecimal least = null;
        for (CounterState s : states) {
            if (!s.limit().capped()) {
                continue;
            }
            BigDecimal remaining = remainingAfter(s, actual);
            if (least == null || remaining.compareTo(least) < 0) {
                tightest = s;
                least = remaining;
            }
        }
        return tightest;
    }

    private BigDecimal remainingAfter(CounterState s, BigDecimal actual) {
        return s.limit()
                .limit()
                .subtract(s.committed().add(actual).subtract(reserved))
                .max(BigDecimal.ZERO);
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
