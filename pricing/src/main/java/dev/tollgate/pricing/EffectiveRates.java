package dev.tollgate.pricing;

import java.math.BigDecimal;

/**
 * The per-token rates (USD) that apply to one call, after thresholds, service tier and
 * fallbacks: a missing cache-read rate is the input rate (or DeepSeek's
 * {@code input_cost_per_token_cache_hit}); a missing 5-minute cache-write rate is the input
 * rate; a missing 1-hour write rate is the 5-minute one; a missing reasoning rate is the
 * output rate; a missing audio rate is the input rate; a missing input or output rate is
 * zero (check {@link ModelPrice#isPriced()} before serving). Free models have all zeros.
 */
public record EffectiveRates(
        BigDecimal input,
        BigDecimal output,
        BigDecimal cacheRead,
        BigDecimal cacheWrite5m,
        BigDecimal cacheWrite1h,
        BigDecimal reasoning,
        BigDecimal audioInput) {

    private static final EffectiveRates FREE = new EffectiveRates(
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO);

    /** Rates for a call whose total input is {@code promptTokens}, on {@code tier}. */
    public static EffectiveRates of(ModelPrice price, long promptTokens, ServiceTier tier) {
        return price.effectiveRates(promptTokens, tier);
    }

    static EffectiveRates compute(ModelPrice price, long promptTokens, ServiceTier tier) {
        if (price.free()) {
            return FREE;
        }
        BigDecimal input = orElse(price.effectiveRate(RateField.INPUT, promptTokens, tier), BigDecimal.ZERO);
        BigDecimal output = orElse(price.effectiveRate(RateField.OUTPUT, promptTokens, tier), BigDecimal.ZERO);
        BigDecimal read = orElse(
                price.effectiveRate(RateField.CACHE_READ, promptTokens, tier),
                orElse(price.rate("input_cost_per_token_cache_hit"), input));
        BigDecimal write5m = orElse(price.effectiveRate(RateField.CACHE_WRITE_5M, promptTokens, tier), input);
        BigDecimal write1h = orElse(price.effectiveRate(RateField.CACHE_WRITE_1H, promptTokens, tier), write5m);
        BigDecimal reasoning = orElse(price.effectiveRate(RateField.REASONING, promptTokens, tier), output);
        BigDecimal audio = orElse(price.effectiveRate(RateField.AUDIO_INPUT, promptTokens, tier), input);
        return new EffectiveRates(input, output, read, write5m, write1h, reasoning, audio);
    }

    /** The dearer of the output and reasoning rates: what an unknown output token may cost. */
    public BigDecimal worstOutput() {
        return output.max(reasoning);
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
        return value != null ? value : fallback;
    }
}
