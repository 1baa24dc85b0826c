package dev.tollgate.gateway.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The {@code settings.budgets} block of {@code tollgate.yml}.
 *
 * @param timeZone          zone the windows align to (calendar days, Monday weeks, months); default UTC
 * @param global            budgets on the whole gateway, one per window
 * @param defaultEndUser    the budget of an end user ({@code user} field / {@code x-tollgate-end-user}) with no record of their own
 * @param reserveShare      near the limit, the share of what remains that one call may reserve (default 0.5)
 * @param reservationTtlSeconds a fixed lifetime for every reservation, overriding the per-call deadline
 *                          (default: none — each reservation expires at its call's own deadline, docs/budgets.md)
 * @param failOpen          if DynamoDB cannot be reached: false (default) refuses the call with 503; true lets it
 *                          through unrecorded (not recommended)
 * @param maxWaitMs         how long a call whose budget is only held by calls in flight waits for them to settle
 *                          before it is refused with {@code budget_in_use} (default 2000; 0 = never wait)
 * @param maxCallSeconds    the longest a call may run where the runtime sets no hard limit (the local runtime):
 *                          bounds a stream's reservation (default 900, Lambda's own maximum). On Lambda the
 *                          invocation's own deadline is used instead.
 */
public record BudgetSettings(
        String timeZone,
        List<WindowBudget> global,
        WindowBudget defaultEndUser,
        BigDecimal reserveShare,
        Integer reservationTtlSeconds,
        Boolean failOpen,
        Integer maxWaitMs,
        Integer maxCallSeconds) {

    public static final BudgetSettings DEFAULT = new BudgetSettings(null, null, null, null, null, null, null, null);

    /**
     * Two seconds: long enough for the short calls that make up a burst to settle and hand back what they
     * did not spend, short enough to stay a small part of a Lambda invocation that is billed while it waits
     * (2 s at 1,769 MB ≈ $0.00006, and only for calls that would otherwise be refused). Locally nothing is
     * billed, but a longer wait only delays the answer to a client whose SDK retries on its own after the
     * short {@code Retry-After} of {@code budget_in_use}.
     */
    public static final int DEFAULT_MAX_WAIT_MS = 2000;

    public static final int DEFAULT_MAX_CALL_SECONDS = 900;

    /**
     * One budget window.
     *
     * @param budgetDuration {@code 1h}, {@code 1d}/{@code 24h}, {@code 7d}, {@code 1mo}/{@code 30d}, {@code lifetime}
     * @param maxBudget      USD
     */
    public record WindowBudget(String budgetDuration, BigDecimal maxBudget) {}

    public BudgetSettings {
        if (maxWaitMs != null && maxWaitMs < 0) {
            throw new ConfigException("settings.budgets.max_wait_ms must not be negative, was " + maxWaitMs);
        }
        if (maxCallSeconds != null && maxCallSeconds < 1) {
            throw new ConfigException("settings.budgets.max_call_seconds must be at least 1, was " + maxCallSeconds);
        }
    }

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

    /** How long a held call waits before {@code budget_in_use}. */
    public Duration maxWait() {
        return Duration.ofMillis(maxWaitMs == null ? DEFAULT_MAX_WAIT_MS : maxWaitMs);
    }

    /** The longest call where the runtime sets no limit of its own. */
    public Duration maxCall() {
        return Duration.ofSeconds(maxCallSeconds == null ? DEFAULT_MAX_CALL_SECONDS : maxCallSeconds);
    }
}
