package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.config.RateLimitSettings;
import dev.tollgate.gateway.config.TpmCounts;
import dev.tollgate.gateway.errors.StoreUnavailableException;
import dev.tollgate.gateway.identity.Principal;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the proxy calls around one upstream call: {@link #acquire} before the budget reservation,
 * {@link #release} exactly once when the call ends (also when the reservation is then refused),
 * {@link #headers} for the response. Counts tokens as {@code settings.rate_limits.tpm_counts} says.
 */
@Singleton
public class RateLimitService {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitService.class);
    private final RateLimiter limiter;
    private final TpmCounts counts;
    private final Clock clock;

    public RateLimitService(RateLimiter limiter, RateLimitSettings settings, Clock clock) {
        this.limiter = limiter;
        this.counts = settings.counts();
        this.clock = clock;
    }

    /**
     * Admits the call under every rate limit of its key, user and team (and the key's limits for
     * {@code model}); a key with no rate limits costs nothing.
     *
     * @param model           the public model name the client asked for
     * @param inputTokens     the request's counted input tokens
     * @param maxOutputTokens the most output the call may produce (its estimate until it ends)
     * @throws dev.tollgate.gateway.errors.GatewayException 429 {@code rate_limit_exceeded}, or 503 when the
     *         store cannot be reached (fail closed)
     */
    public RateLease acquire(
            String requestId, Principal principal, String model, long inputTokens, long maxOutputTokens) {
        RateLimits limits = RateLimits.forCall(principal, model);
        if (limits.isEmpty()) {
            return RateLease.none(requestId);
        }
        try {
            return limiter.acquire(requestId, limits, counts.count(inputTokens, maxOutputTokens), clock.instant());
        } catch (StoreUnavailableException e) {
            LOG.error("rate-limit store unreachable while admitting {}: {}", requestId, e.toString());
            throw RateLimitErrors.storageUnavailable();
        }
    }

    /** Ends the lease with the call's actual usage (0 and 0 when it never ran). Once per lease; never throws. */
    public void release(RateLease lease, long promptTokens, long completionTokens) {
        if (lease == null || lease.isNoop()) {
            return;
        }
        try {
            limiter.release(lease, counts.count(promptTokens, completionTokens));
        } catch (RuntimeException e) {
            LOG.warn("rate lease of {} not released: {}", lease.requestId(), e.toString());
        }
    }

    /** The {@code x-ratelimit-*} headers of an admitted call; empty when no limit applies. Never throws. */
    public Map<String, String> headers(RateLease lease) {
        if (lease == null || lease.isNoop()) {
            return Map.of();
        }
        try {
            return limiter.headers(lease);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
