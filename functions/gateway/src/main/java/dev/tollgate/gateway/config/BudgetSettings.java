package dev.tollgate.gateway.config;

import java.math.BigDecimal;
import java.util.List;

/**
 * The {@code settings.budgets} block of {@code tollgate.yml}.
 *
 * @param timeZone          zone the windows align to (calendar days, Monday weeks, months); default UTC
 * @param global            budgets on the whole gateway, one per window
 * @param defaultEndUser    the budget of an end user ({@code user} field / {@code x-tollgate-end-user}) with no record of their own
 * @param reserveShare      near the limit, the share of what remains that one call may reserve (default 0.5)
 * @param reservationTtlSeconds how long a reservation may stay open before the sweeper releases it
 *                          (default: the model's timeout × attempts + 60 s)
 * @param failOpen          if DynamoDB cannot be reached: false (default) refuses the call with 503; true lets it
 *                          through unrecorded (not recommended)
 */
public record BudgetSettings(
        String timeZone,
        List<WindowBudget> global,
        WindowBudget defaultEndUser,
        BigDecimal reserveShare,
        Integer reservationTtlSeconds,
        Boolean failOpen) {

    public static final BudgetSettings DEFAULT = new BudgetSettings(null, null, null, null, null, null);

    /**
     * One budget window.
     *
     * @param budgetDuration {@code 1h}, {@code 1d}/{@code 24h}, {@code 7d}, {@code 1mo}/{@code 30d}, {@code lifetime}
     * @param maxBudget      USD
     */
    public record WindowBudget(String budgetDuration, BigDecimal maxBudget) {}

    public String zone() {
        return timeZone == null || timeZone.isBlank() ? "UTC" : timeZone;
    }

    public List<WindowBudget> globalBudgets() {
        return global == null ? List.of() : global;
    }

    public BigDecimal share() {
        return reserveShare == null ? new BigDecimal("0.5") : reserveShare;
    }

    public boolean failsOpen() {
        return failOpen != null && failOpen;
    }
}
