package dev.tollgate.gateway.admission;

import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.budget.SpendSnapshot;
import dev.tollgate.gateway.errors.GatewayException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The 429s of a call that does not fit a hard budget (docs/budgets.md, "Refusals"): {@code budget_exceeded}
 * when settled spend leaves no room (Retry-After to the window's reset), {@code budget_in_use} when calls in
 * flight hold the room (a Retry-After of seconds). Both name the scope as its owner knows it.
 */
final class BudgetErrors {
    static final String EXCEEDED = "budget_exceeded";
    static final String IN_USE = "budget_in_use";

    private BudgetErrors() {}

    /**
     * The refusal, with the refusing budget's figures in the same headers a successful call carries
     * ({@code x-tollgate-budget-spent}, {@code -reserved}, {@code -in-flight}, {@code -limit}, {@code -remaining},
     * {@code -scope}) when the counter was read.
     */
    static GatewayException of(BudgetRefusal refusal, String scope, Instant now, long inUseRetrySeconds) {
        Shortfall s = refusal.shortfall();
        GatewayException e = refusal.spent() ? exceeded(s, scope, now) : inUse(s, scope, inUseRetrySeconds);
        if (s.committed() != null && s.limit().capped()) {
            e.withHeader(SpendSnapshot.SPENT, plain(s.actual()))
                    .withHeader(SpendSnapshot.RESERVED, plain(s.reserved()))
                    .withHeader(SpendSnapshot.IN_FLIGHT, Long.toString(s.inFlight()))
                    .withHeader(SpendSnapshot.LIMIT, plain(s.limit().limit()))
                    .withHeader(SpendSnapshot.REMAINING, plain(s.remaining()))
                    .withHeader(SpendSnapshot.SCOPE, SpendSnapshot.scope(s.limit()));
        }
        return e;
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }

    static GatewayException exceeded(Shortfall shortfall, String scope, Instant now) {
        if (shortfall.byRequests()) {
            String message = "Request limit reached for " + scope + ": " + shortfall.calls() + " of "
                    + shortfall.limit().maxRequests() + " calls made";
            return new GatewayException(429, EXCEEDED, message, null, EXCEEDED)
                    .withHeader("x-tollgate-budget-scope", SpendSnapshot.scope(shortfall.limit()));
        }
        BigDecimal spent = shortfall.committed() == null ? null : shortfall.actual();
        String message = "Budget exceeded for " + scope + ": "
                + (spent == null ? "this call alone costs more than" : "spent " + usd(spent) + " of")
                + " " + usd(shortfall.limit().limit())
                + (shortfall.resetAt() == null ? ", a lifetime budget (no reset)" : ", resets " + shortfall.resetAt());
        GatewayException e = new GatewayException(429, EXCEEDED, message, null, EXCEEDED);
        if (shortfall.resetAt() != null) {
            long seconds =
                    Math.max(1, Duration.between(now, shortfall.resetAt()).toSeconds());
            e.withHeader("retry-after", Long.toString(seconds));
        }
        return e;
    }

    static GatewayException inUse(Shortfall shortfall, String scope, long retryAfterSeconds) {
        long calls = shortfall.inFlight();
        String message = "Budget in use for " + scope + ": " + usd(shortfall.actual()) + " spent, "
                + usd(shortfall.reserved()) + " reserved by " + calls + (calls == 1 ? " call" : " calls")
                + " in flight, of " + usd(shortfall.limit().limit()) + ". Retry in " + retryAfterSeconds
                + " s, when they have settled.";
        return new GatewayException(429, IN_USE, message, null, IN_USE)
                .withHeader("retry-after", Long.toString(retryAfterSeconds));
    }

    static GatewayException storageUnavailable() {
        return new GatewayException(
                503,
                "service_unavailable",
                "The budget store cannot be reached, so the call was not sent upstream (fail closed). Try again shortly.",
                null,
                "budget_store_unavailable");
    }

    /** Dollars for people: two decimals, more when the amount is smaller than a cent. */
    static String usd(BigDecimal amount) {
        BigDecimal shown = amount.abs().compareTo(new BigDecimal("0.01")) < 0 && amount.signum() != 0
                ? amount.stripTrailingZeros()
                : amount.setScale(2, RoundingMode.HALF_UP);
        return "$" + shown.toPlainString();
    }
}
