package dev.tollgate.gateway.admission;

import dev.tollgate.gateway.budget.ReserveResult;
import dev.tollgate.gateway.budget.Shortfall;
import java.math.BigDecimal;

/**
 * Why a call did not fit, told truthfully: the budget is <em>spent</em> (settled spend leaves no room for
 * even the smallest form of this call; only the window's reset helps) or <em>held</em> (the room is taken by
 * reservations of calls still in flight, which hand back what they do not spend within seconds).
 *
 * @param spent     true: spent; false: held
 * @param shortfall the limit to name (the one spent out; else the tightest)
 */
record BudgetRefusal(boolean spent, Shortfall shortfall) {

    /**
     * Classifies a refusal. A limit is spent out when {@code limit - actual < smallest}; one such limit is
     * enough, whatever the others hold. A limit not read ({@code committed == null}: the amount exceeded it
     * on its own) is spent out only if even the smallest call exceeds it.
     *
     * @param smallest the cost of the smallest form of the call (its input and one output token per choice)
     */
    static BudgetRefusal of(ReserveResult.Insufficient refused, BigDecimal smallest) {
        for (Shortfall s : refused.shortfalls()) {
            if (s.unspent().compareTo(smallest) < 0) {
                return new BudgetRefusal(true, s);
            }
        }
        Shortfall tightest = refused.tightest();
        return new BudgetRefusal(tightest.committed() == null, tightest);
    }
}
