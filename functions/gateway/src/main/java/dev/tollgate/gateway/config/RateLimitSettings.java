package dev.tollgate.gateway.config;

import java.time.Duration;

/**
 * The {@code settings.rate_limits} block of {@code tollgate.yml}:
 * <pre>
 * settings:
 *   rate_limits:
 *     tpm_counts: total          # input | output | total (default total)
 *     lease_ttl_seconds: 960     # a crashed call's in-flight slot frees itself after this (default 16 min)
 * </pre>
 *
 * @param tpmCounts       which tokens a tpm limit counts; null = total
 * @param leaseTtlSeconds how long an in-flight slot may be held before it counts as abandoned; null = 960
 */
public record RateLimitSettings(String tpmCounts, Integer leaseTtlSeconds) {
    /** Lambda runs at most 15 minutes: a slot older than that plus a margin belongs to a dead call. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(16);

    public static final RateLimitSettings DEFAULT = new RateLimitSettings(null, null);

    public RateLimitSettings {
        TpmCounts.parse(tpmCounts);
        if (leaseTtlSeconds != null && leaseTtlSeconds < 1) {
            throw new IllegalArgumentException("lease_ttl_seconds must be at least 1, not " + leaseTtlSeconds);
        }
    }

    public TpmCounts counts() {
        return TpmCounts.parse(tpmCounts);
    }

    public Duration leaseTtl() {
        return leaseTtlSeconds == null ? DEFAULT_LEASE_TTL : Duration.ofSeconds(leaseTtlSeconds);
    }
}
