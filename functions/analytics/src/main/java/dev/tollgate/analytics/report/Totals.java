package dev.tollgate.analytics.report;

import java.math.BigDecimal;

/**
 * Summed measures of rollup rows. Money exact. {@code inputCost} and {@code outputCost} are the recorded
 * split of {@code cost} (spend-log lines since {@code input_cost}/{@code output_cost}; only
 * {@code rollup_daily} keeps it, the narrower rollups read 0).
 */
public record Totals(
        long requests,
        long successes,
        long errors,
        long promptTokens,
        long completionTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long reasoningTokens,
        long totalTokens,
        BigDecimal cost,
        BigDecimal cacheReadCost,
        BigDecimal cacheWriteCost,
        BigDecimal inputCost,
        BigDecimal outputCost) {

    public static final Totals ZERO = new Totals(
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO);

    public Totals plus(Totals o) {
        return new Totals(
                requests + o.requests,
                successes + o.successes,
                errors + o.errors,
                promptTokens + o.promptTokens,
                completionTokens + o.completionTokens,
                cacheReadTokens + o.cacheReadTokens,
                cacheWriteTokens + o.cacheWriteTokens,
                reasoningTokens + o.reasoningTokens,
                totalTokens + o.totalTokens,
                cost.add(o.cost),
                cacheReadCost.add(o.cacheReadCost),
                cacheWriteCost.add(o.cacheWriteCost),
                inputCost.add(o.inputCost),
                outputCost.add(o.outputCost));
    }

    /** Input tokens that were neither read from nor written to the prompt cache. */
    public long uncachedInputTokens() {
        return Math.max(0, promptTokens - cacheReadTokens - cacheWriteTokens);
    }
}
