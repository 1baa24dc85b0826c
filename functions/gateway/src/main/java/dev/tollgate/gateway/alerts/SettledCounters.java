package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.SpendSnapshot;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The counters of a settled call, for {@link AlertService#afterSettle}, without another read: the
 * snapshot read while the call ran, plus this call's own settlement. Settled spend only grows within a
 * window, so this is never above the truth: an alert is never fired early. Calls settling concurrently
 * may each see the other's cost missing; the next call in the window then sees the line reached
 * (or read the counters again after settling, with {@code BudgetLedger.read}, for the exact figure).
 */
public final class SettledCounters {

    private SettledCounters() {}

    /**
     * @param snapshot   the call's {@link SpendSnapshot} (null when none was read: no counters)
     * @param actualCost what the call was settled at, USD
     */
    public static List<CounterState> estimate(SpendSnapshot snapshot, BigDecimal actualCost) {
        if (snapshot == null) {
            return List.of();
        }
        List<CounterState> after = new ArrayList<>(snapshot.states().size());
        for (CounterState s : snapshot.states()) {
            after.add(new CounterState(
                    s.limit(),
                    s.committed().add(actualCost).subtract(snapshot.reserved()),
                    s.actual().add(actualCost),
                    s.requests() + 1,
                    s.resetAt()));
        }
        return after;
    }
}
