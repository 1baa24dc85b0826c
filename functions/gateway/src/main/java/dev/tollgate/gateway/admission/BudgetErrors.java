package dev.tollgate.gateway.admission;

import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.errors.GatewayException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/** The 429 of a call that does not fit a hard budget, with the scope, window, spend, limit and reset time. */
final class BudgetErrors {
    private BudgetErrors() {}

    static GatewayException exceeded(Shortfall shortfall, Instant now) {
        BigDecimal spent = shortfall.committed() == null ? null : shortfall.committed();
        String message = "Budget exceeded for " + shortfall.limit().label() + ": "
                + (spent == null ? "this call alone costs more than" : "spent " + usd(spent) + " of")
                + " " + usd(shortfall.limit().limit())
                + (shortfall.resetAt() == null ? ", a lifetime budget (no reset)" : ", resets " + shortfall.resetAt());
        GatewayException e = new GatewayException(429, "budget_exceeded", message, null, "budget_exceeded");
        if (shortfall.resetAt() != null) {
            long seconds =
                    Math.max(1, Duration.between(now, shortfall.resetAt()).toSeconds());
            e.withHeader("retry-after", Long.toString(seconds));
        }
        return e;
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
