package dev.tollgate.pricing;

import java.math.BigDecimal;

/**
 * What a request is expected to cost before it is sent (see {@link CostPredictor}).
 * Amounts in USD, exact, canonical form.
 *
 * @param inputTokens counted input tokens
 * @param estimatedOutputTokens the expected output (a rule of thumb, for display and forecasts)
 * @param inputCostUsd input tokens at the uncached input rate
 * @param estimatedOutputCostUsd estimated output tokens at the output rate
 * @param totalEstimatedCostUsd input plus estimated output
 * @param maxOutputTokens the most output the request can produce
 * @param maxCostUsd worst case: input plus {@code maxOutputTokens}; what a budget reserves
 */
public record Prediction(
        int inputTokens,
        int estimatedOutputTokens,
        BigDecimal inputCostUsd,
        BigDecimal estimatedOutputCostUsd,
        BigDecimal totalEstimatedCostUsd,
        int maxOutputTokens,
        BigDecimal maxCostUsd) {}
