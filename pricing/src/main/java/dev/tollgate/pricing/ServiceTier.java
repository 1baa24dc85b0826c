package dev.tollgate.pricing;

import java.util.Locale;

/**
 * Provider service tier a call ran on. Each tier maps to the LiteLLM field-name suffix
 * that prices it ({@code input_cost_per_token_flex}, {@code _priority}, {@code _batches});
 * where the catalogue has no variant for a tier the standard rate applies.
 */
public enum ServiceTier {
    STANDARD(""),
    FLEX("_flex"),
    PRIORITY("_priority"),
    BATCH("_batches");

    private final String suffix;

    ServiceTier(String suffix) {
        this.suffix = suffix;
    }

    /** The LiteLLM field-name suffix for this tier; empty for {@link #STANDARD}. */
    public String suffix() {
        return suffix;
    }

    /**
     * Parses OpenAI's {@code service_tier} values: {@code null}, blank, {@code "default"},
     * {@code "auto"} and {@code "standard"} give {@link #STANDARD}; {@code "flex"},
     * {@code "priority"}, {@code "batch"} / {@code "batches"} give the named tier.
     * Unknown values give {@link #STANDARD} (a reply naming an unknown tier must still be priced).
     */
    public static ServiceTier parse(String value) {
        if (value == null) {
            return STANDARD;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "flex" -> FLEX;
            case "priority" -> PRIORITY;
            case "batch", "batches" -> BATCH;
            default -> STANDARD;
        };
    }
}
