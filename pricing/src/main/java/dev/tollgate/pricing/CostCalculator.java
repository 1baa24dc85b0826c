package dev.tollgate.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Pure cost arithmetic: {@link ModelPrice} × {@link Usage} → {@link CostBreakdown}.
 *
 * <pre>
 * cost = (prompt − cache reads − cache writes − audio) × input
 *      + audio × audio input          + cache reads × cache read
 *      + 5-minute writes × cache write + 1-hour writes × 1-hour cache write
 *      + (completion − reasoning) × output + reasoning × reasoning (else output)
 * </pre>
 * Rates come from {@link EffectiveRates}: once {@code promptTokens} exceeds a threshold the
 * model prices ({@code _above_200k_tokens}…), the highest such threshold's rates apply to
 * every token type; a service tier's variant replaces the standard rate where the map has one.
 *
 * <p><b>Rounding rule.</b> Token arithmetic is exact: a decimal rate times an integer count
 * needs no rounding, so nothing is rounded. Only per-second pricing is rounded, to 12
 * decimal places, {@link RoundingMode#HALF_UP}. Amounts are stripped of trailing zeros
 * for display ({@link CostBreakdown}).
 */
public final class CostCalculator {

    /** Decimal places per-second costs are rounded to. */
    public static final int PER_SECOND_SCALE = 12;

    private CostCalculator() {}

    /** The cost of {@code usage} on {@code tier}; zero for free models. */
    public static CostBreakdown cost(ModelPrice price, Usage usage, ServiceTier tier) {
        if (price.free()) {
            return CostBreakdown.zero();
        }
        EffectiveRates r = EffectiveRates.of(price, usage.promptTokens(), tier);
        long audio = usage.audioInputTokens();
        long text = usage.uncachedPromptTokens() - audio;
        BigDecimal input = times(r.input(), text).add(times(r.audioInput(), audio));
        BigDecimal cacheRead = times(r.cacheRead(), usage.cacheReadTokens());
        BigDecimal cacheWrite = times(r.cacheWrite5m(), usage.cacheWrite5mTokens())
                .add(times(r.cacheWrite1h(), usage.cacheWrite1hTokens()));
        BigDecimal output = times(r.output(), usage.nonReasoningCompletionTokens());
        BigDecimal reasoning = times(r.reasoning(), usage.reasoningTokens());
        return CostBreakdown.of(input, cacheRead, cacheWrite, output, reasoning);
    }

    /** The cost of {@code usage} on the standard tier. */
    public static CostBreakdown cost(ModelPrice price, Usage usage) {
        return cost(price, usage, ServiceTier.STANDARD);
    }

    /**
     * Time-priced models (self-hosted endpoints, provisioned throughput, transcription):
     * {@code input_cost_per_second} × {@code duration}, rounded to 12 places HALF_UP, booked
     * as input. {@code output_cost_per_second} is not added: where the map has both they
     * price the same wall-clock time. Zero for free models or models without the rate.
     */
    public static CostBreakdown perSecond(ModelPrice price, Duration duration) {
        BigDecimal rate = price.inputCostPerSecond();
        if (price.free() || rate == null || duration.isNegative()) {
            return CostBreakdown.zero();
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
        BigDecimal input = rate.multiply(seconds).setScale(PER_SECOND_SCALE, RoundingMode.HALF_UP);
        return CostBreakdown.of(input, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    static BigDecimal times(BigDecimal rate, long tokens) {
        return tokens == 0 ? BigDecimal.ZERO : rate.multiply(BigDecimal.valueOf(tokens));
    }
}
