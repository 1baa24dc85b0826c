package dev.tollgate.gateway.admission;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.Reservation;
import dev.tollgate.gateway.ratelimit.RateLease;
import java.math.BigDecimal;
import java.util.List;

/**
 * A call let through: what it reserved against which budgets, and whether its output was clamped.
 *
 * @param requestId      the call's id (reservation and spend-log id)
 * @param subject        whom it is attributed to
 * @param limits         every counter it moves (capped budgets and uncapped spend trackers)
 * @param reservation    the open reservation, settled exactly once by {@link AdmissionService#settle}; null only
 *                       when the store was unreachable and {@code settings.budgets.fail_open} let the call through
 * @param clampedTo      the output-token limit the gateway imposed to fit the budget, or null
 * @param rateLease      the call's rate-limit slot, released at settlement
 * @param admittedAt     when the call was let through (its duration feeds {@link CallDurations})
 */
public record Admission(
        String requestId,
        CallSubject subject,
        List<BudgetLimit> limits,
        Reservation reservation,
        Integer clampedTo,
        RateLease rateLease,
        java.time.Instant admittedAt) {

    public BigDecimal reserved() {
        return reservation == null ? BigDecimal.ZERO : reservation.amount();
    }
}
