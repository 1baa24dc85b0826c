package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.math.BigDecimal;

/** The measures of one {@code rollup_daily} row, summed over calls. Money is exact. */
public final class DailyTotals {
    String keyAlias = "";
    long requests;
    long successes;
    long errors;
    long promptTokens;
    long completionTokens;
    long cacheReadTokens;
    long cacheWriteTokens;
    long reasoningTokens;
    long totalTokens;
    BigDecimal cost = BigDecimal.ZERO;
    BigDecimal cacheReadCost = BigDecimal.ZERO;
    BigDecimal cacheWriteCost = BigDecimal.ZERO;
    long cacheHits;
    BigDecimal savedCost = BigDecimal.ZERO;
    BigDecimal inputCost = BigDecimal.ZERO;
    BigDecimal outputCost = BigDecimal.ZERO;

    /** Adds one call. */
    void add(SpendLogRecord r) {
        if (r.keyAlias() != null) {
            keyAlias = r.keyAlias();
        }
        requests++;
        if (r.status() < 400) {
            successes++;
        } else {
            errors++;
        }
        promptTokens += r.promptTokens();
        completionTokens += r.completionTokens();
        cacheReadTokens += r.cacheReadTokens();
        cacheWriteTokens += r.cacheWriteTokens();
        reasoningTokens += r.reasoningTokens();
        totalTokens += r.totalTokens();
        cost = cost.add(r.cost());
        cacheReadCost = cacheReadCost.add(r.cacheReadCost());
        cacheWriteCost = cacheWriteCost.add(r.cacheWriteCost());
        if (r.cacheHit()) {
            cacheHits++;
        }
        inputCost = inputCost.add(r.inputCost());
        outputCost = outputCost.add(r.outputCost());
        if (r.savedCost() != null) {
            savedCost = savedCost.add(r.savedCost());
        }
    }

    public long requests() {
        return requests;
    }

    public BigDecimal cost() {
        return cost;
    }
}
