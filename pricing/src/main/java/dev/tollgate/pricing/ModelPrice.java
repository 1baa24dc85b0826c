package dev.tollgate.pricing;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The price of one model, immutable: the catalogue key, LiteLLM metadata and every
 * {@code *cost*} field of the entry as an exact {@link BigDecimal} in USD, keyed by its
 * LiteLLM field name (base, {@code _above_<N>k_tokens} thresholds, {@code _flex} /
 * {@code _priority} / {@code _batches} tiers and their combinations).
 *
 * <p>Build instances with {@link #of(String, Map, Source)}; {@link CostCalculator} turns
 * them into money. A model the gateway may serve must be {@link #isPriced() priced}.
 */
public final class ModelPrice {

    /** Where a price came from. */
    public enum Source {
        /** The LiteLLM map bundled in this jar. */
        BUNDLED,
        /** A map in the same format loaded from a file, replacing the bundled one. */
        FILE,
        /** Added or changed by configuration ({@link PriceCatalog#withOverrides}). */
        OVERRIDE
    }

    private static final Pattern THRESHOLD = Pattern.compile("_above_(\\d+)k_tokens");

    private final String key;
    private final String provider;
    private final String mode;
    private final Integer maxInputTokens;
    private final Integer maxOutputTokens;
    private final Map<String, BigDecimal> rates;
    private final boolean free;
    private final boolean supportsReasoning;
    private final Source source;
    private final int[] thresholdsDescending;
    /** Resolved rates per (tier, thresholds crossed); filled lazily, a benign race (records are immutable). */
    private final EffectiveRates[] ratesCache;

    ModelPrice(
            String key,
            String provider,
            String mode,
            Integer maxInputTokens,
            Integer maxOutputTokens,
            Map<String, BigDecimal> rates,
            boolean free,
            boolean supportsReasoning,
            Source source) {
        this.key = Objects.requireNonNull(key, "key");
        this.provider = provider;
        this.mode = mode;
        this.maxInputTokens = maxInputTokens;
        this.maxOutputTokens = maxOutputTokens;
        this.rates = Map.copyOf(rates);
        this.free = free;
        this.supportsReasoning = supportsReasoning;
        this.source = Objects.requireNonNull(source, "source");
        this.thresholdsDescending = this.rates.keySet().stream()
                .map(THRESHOLD::matcher)
                .filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1)) * 1000)
                .distinct()
                .map(t -> -t)
                .sorted()
                .map(t -> -t)
                .toArray();
        this.ratesCache = new EffectiveRates[ServiceTier.values().length * (thresholdsDescending.length + 1)];
    }

    /**
     * Builds a price from LiteLLM fields. Values may be {@link Number}, numeric
     * {@link String} or {@link Boolean}; {@code free: true} marks the model free;
     * {@code max_output_tokens} falls back to {@code max_tokens}; a token-range
     * {@code tiered_pricing} list becomes {@code _above_<N>k_tokens} fields.
     *
     * @throws IllegalArgumentException if a cost field is not a non-negative number
     */
    public static ModelPrice of(String key, Map<String, ?> fields, Source source) {
        return ModelPriceFields.parse(key, fields, source);
    }

    /** The catalogue key, e.g. {@code gpt-4o-mini} or {@code gemini/gemini-2.5-pro}. */
    public String key() {
        return key;
    }

    /** LiteLLM's {@code litellm_provider}, e.g. {@code openai}, {@code bedrock_converse}; may be null. */
    public String provider() {
        return provider;
    }

    /** LiteLLM's {@code mode}: {@code chat}, {@code embedding}, {@code completion}…; may be null. */
    public String mode() {
        return mode;
    }

    /** {@code max_input_tokens}, or null when the map does not say. */
    public Integer maxInputTokens() {
        return maxInputTokens;
    }

    /** {@code max_output_tokens}, else {@code max_tokens}, or null. */
    public Integer maxOutputTokens() {
        return maxOutputTokens;
    }

    /** Every cost field of the entry, by LiteLLM field name (unmodifiable). */
    public Map<String, BigDecimal> rates() {
        return rates;
    }

    /** True when configuration marked the model free: every cost is zero. */
    public boolean free() {
        return free;
    }

    /** LiteLLM's {@code supports_reasoning}. */
    public boolean supportsReasoning() {
        return supportsReasoning;
    }

    /** Where this price came from. */
    public Source source() {
        return source;
    }

    /** The raw value of one LiteLLM cost field, or null when the entry has none. */
    public BigDecimal rate(String field) {
        return rates.get(field);
    }

    /** The standard, below-threshold rate for {@code field}, or null. */
    public BigDecimal rate(RateField field) {
        return rates.get(field.base());
    }

    /** {@code input_cost_per_token}, or null. */
    public BigDecimal inputCostPerToken() {
        return rate(RateField.INPUT);
    }

    /** {@code output_cost_per_token}, or null. */
    public BigDecimal outputCostPerToken() {
        return rate(RateField.OUTPUT);
    }

    /** {@code cache_read_input_token_cost}, or null. */
    public BigDecimal cacheReadCostPerToken() {
        return rate(RateField.CACHE_READ);
    }

    /** {@code cache_creation_input_token_cost} (5-minute writes), or null. */
    public BigDecimal cacheWrite5mCostPerToken() {
        return rate(RateField.CACHE_WRITE_5M);
    }

    /** {@code cache_creation_input_token_cost_above_1hr}, or null. */
    public BigDecimal cacheWrite1hCostPerToken() {
        return rate(RateField.CACHE_WRITE_1H);
    }

    /** {@code output_cost_per_reasoning_token}, or null (reasoning is then priced as output). */
    public BigDecimal reasoningCostPerToken() {
        return rate(RateField.REASONING);
    }

    /** {@code input_cost_per_audio_token}, or null. */
    public BigDecimal audioInputCostPerToken() {
        return rate(RateField.AUDIO_INPUT);
    }

    /** {@code input_cost_per_second}, or null. */
    public BigDecimal inputCostPerSecond() {
        return rate(RateField.INPUT_PER_SECOND);
    }

    /** {@code output_cost_per_second}, or null. */
    public BigDecimal outputCostPerSecond() {
        return rate(RateField.OUTPUT_PER_SECOND);
    }

    /** The prompt-size thresholds (in tokens, e.g. 200000) the entry prices, highest first. */
    public int[] thresholds() {
        return thresholdsDescending.clone();
    }

    /** True when the model is free, or has a per-token or per-second input or output rate. */
    public boolean isPriced() {
        return free
                || rate(RateField.INPUT) != null
                || rate(RateField.OUTPUT) != null
                || rate(RateField.INPUT_PER_SECOND) != null
                || rate(RateField.OUTPUT_PER_SECOND) != null;
    }

    /**
     * The rate that applies to {@code field} for a call with {@code promptTokens} of total
     * input on {@code tier}, or null when the entry does not price it at all. Thresholds
     * crossed ({@code promptTokens > N}) are tried highest first, then the base; at each level
     * the tier variant wins over the standard rate. So a tier without a variant at a
     * crossed threshold pays the standard above-threshold rate (never the cheaper base).
     */
    public BigDecimal effectiveRate(RateField field, long promptTokens, ServiceTier tier) {
        for (int threshold : thresholdsDescending) {
            if (promptTokens > threshold) {
                BigDecimal rate = tierOrStandard(field, threshold, tier);
                if (rate != null) {
                    return rate;
                }
            }
        }
        return tierOrStandard(field, 0, tier);
    }

    /** {@link EffectiveRates#of}, memoised: the rates depend only on the tier and the thresholds crossed. */
    EffectiveRates effectiveRates(long promptTokens, ServiceTier tier) {
        int crossed = 0;
        for (int threshold : thresholdsDescending) {
            if (promptTokens > threshold) {
                crossed++;
            }
        }
        int slot = tier.ordinal() * (thresholdsDescending.length + 1) + crossed;
        EffectiveRates rates = ratesCache[slot];
        if (rates == null) {
            rates = EffectiveRates.compute(this, promptTokens, tier);
            ratesCache[slot] = rates;
        }
        return rates;
    }

    private BigDecimal tierOrStandard(RateField field, int threshold, ServiceTier tier) {
        if (tier != ServiceTier.STANDARD) {
            BigDecimal rate = rates.get(field.key(threshold, tier));
            if (rate != null) {
                return rate;
            }
        }
        return rates.get(field.key(threshold, ServiceTier.STANDARD));
    }

    /** This price's LiteLLM fields (metadata and rates), as an override map would give them. */
    public Map<String, Object> toFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        putIfNotNull(fields, "litellm_provider", provider);
        putIfNotNull(fields, "mode", mode);
        putIfNotNull(fields, "max_input_tokens", maxInputTokens);
        putIfNotNull(fields, "max_output_tokens", maxOutputTokens);
        fields.put("supports_reasoning", supportsReasoning);
        if (free) {
            fields.put("free", true);
        }
        fields.putAll(new TreeMap<>(rates));
        return fields;
    }

    private static void putIfNotNull(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelPrice p
                && key.equals(p.key)
                && Objects.equals(provider, p.provider)
                && Objects.equals(mode, p.mode)
                && Objects.equals(maxInputTokens, p.maxInputTokens)
                && Objects.equals(maxOutputTokens, p.maxOutputTokens)
                && rates.equals(p.rates)
                && free == p.free
                && supportsReasoning == p.supportsReasoning
                && source == p.source;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, provider, rates, free, source);
    }

    @Override
    public String toString() {
        return "ModelPrice[" + key + ", provider=" + provider + ", mode=" + mode + ", source=" + source
                + (free ? ", free" : "") + ", thresholds=" + Arrays.toString(thresholdsDescending)
                + ", rates=" + new TreeMap<>(rates) + "]";
    }
}
