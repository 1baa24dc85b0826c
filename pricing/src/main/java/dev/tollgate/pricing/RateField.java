package dev.tollgate.pricing;

/**
 * The per-token (or per-second) rates Tollgate prices with, named by their LiteLLM base
 * field. Threshold and service-tier variants append {@code _above_<N>k_tokens} and then the
 * tier suffix, e.g. {@code input_cost_per_token_above_272k_tokens_priority} or
 * {@code cache_creation_input_token_cost_above_1hr_above_200k_tokens}.
 */
public enum RateField {
    INPUT("input_cost_per_token"),
    OUTPUT("output_cost_per_token"),
    CACHE_READ("cache_read_input_token_cost"),
    CACHE_WRITE_5M("cache_creation_input_token_cost"),
    CACHE_WRITE_1H("cache_creation_input_token_cost_above_1hr"),
    REASONING("output_cost_per_reasoning_token"),
    AUDIO_INPUT("input_cost_per_audio_token"),
    INPUT_PER_SECOND("input_cost_per_second"),
    OUTPUT_PER_SECOND("output_cost_per_second");

    private final String base;

    RateField(String base) {
        this.base = base;
    }

    /** The LiteLLM field name of the standard, below-threshold rate. */
    public String base() {
        return base;
    }

    /**
     * The LiteLLM field name for this rate above {@code thresholdTokens} (0 = no threshold)
     * on {@code tier}.
     */
    public String key(int thresholdTokens, ServiceTier tier) {
        if (thresholdTokens <= 0 && tier == ServiceTier.STANDARD) {
            return base;
        }
        StringBuilder name = new StringBuilder(base.length() + 24).append(base);
        if (thresholdTokens > 0) {
            name.append("_above_").append(thresholdTokens / 1000).append("k_tokens");
        }
        return name.append(tier.suffix()).toString();
    }
}
