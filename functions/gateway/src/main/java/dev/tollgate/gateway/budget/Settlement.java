package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a finished call really cost, and its spend-log line.
 *
 * @param actualCost       USD, exact; 0 for a call the upstream refused
 * @param promptTokens     input tokens counted against the call
 * @param completionTokens output tokens
 * @param logItemJson      the spend-log JSON line, written once per request id; null writes none
 *                         (and then a settlement cannot tell "already settled" from "released by
 *                         the sweeper" — see docs/budgets.md)
 * @param logExpiresAt     the log item's TTL; required when {@code logItemJson} is set
 * @param logAttributes    extra string attributes of the log item (the index keys and filter fields the
 *                         spend endpoints query by); empty for none
 */
public record Settlement(
        BigDecimal actualCost,
        long promptTokens,
        long completionTokens,
        String logItemJson,
        Instant logExpiresAt,
        Map<String, String> logAttributes) {

    public Settlement(
            BigDecimal actualCost, long promptTokens, long completionTokens, String logItemJson, Instant logExpiresAt) {
        this(actualCost, promptTokens, completionTokens, logItemJson, logExpiresAt, Map.of());
    }

    public Settlement {
        logAttributes = logAttributes == null ? Map.of() : Map.copyOf(logAttributes);
        Objects.requireNonNull(actualCost, "actualCost");
        if (actualCost.signum() < 0) {
            throw new IllegalArgumentException("actual cost must not be negative: " + actualCost.toPlainString());
        }
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        if (logItemJson != null && logExpiresAt == null) {
            throw new IllegalArgumentException("a log item needs an expiry");
        }
    }

    /** A settlement with no log line. */
    public static Settlement withoutLog(BigDecimal actualCost, long promptTokens, long completionTokens) {
        return new Settlement(actualCost, promptTokens, completionTokens, null, null);
    }
}
