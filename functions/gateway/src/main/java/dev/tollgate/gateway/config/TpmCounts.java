package dev.tollgate.gateway.config;

import java.util.Locale;

/** Which tokens a tokens-per-minute limit counts ({@code settings.rate_limits.tpm_counts}). */
public enum TpmCounts {
    /** Prompt tokens only. */
    INPUT,
    /** Completion tokens only. */
    OUTPUT,
    /** Prompt plus completion tokens (the default, as OpenAI counts). */
    TOTAL;

    /** The tokens of a call that count against a tpm limit. */
    public long count(long inputTokens, long outputTokens) {
        return switch (this) {
            case INPUT -> inputTokens;
            case OUTPUT -> outputTokens;
            case TOTAL -> inputTokens + outputTokens;
        };
    }

    /** {@code input}, {@code output} or {@code total} (any case); null or blank is {@link #TOTAL}. */
    public static TpmCounts parse(String value) {
        if (value == null || value.isBlank()) {
            return TOTAL;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tpm_counts must be input, output or total, not '" + value + "'", e);
        }
    }
}
