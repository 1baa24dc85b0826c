package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.config.TpmCounts;
import java.time.Instant;
import java.util.Map;

/**
 * Requests per minute, tokens per minute and requests in flight, per scope and per model
 * (docs/rate-limits.md). A call acquires a lease before it goes upstream and releases it once when it
 * ends. {@link DynamoDbRateLimiter} keeps the counters in the table; {@link InMemoryRateLimiter} has the
 * same semantics in memory.
 */
public interface RateLimiter {

    /**
     * Counts one request and {@code estimatedTokens} in the current minute of every limit, and takes an
     * in-flight slot where a limit bounds parallel requests: all limits or none. With no limits, touches
     * no storage and returns a no-op lease.
     *
     * @param requestId       the call's id
     * @param limits          the limits that apply ({@link RateLimits#forCall})
     * @param estimatedTokens the tokens the call may count (as {@link TpmCounts} counts them); each tpm
     *                        limit takes at most its whole limit
     * @param now             the time of the call; its UTC minute names the counters
     * @throws dev.tollgate.gateway.errors.GatewayException 429 {@code rate_limit_exceeded} with
     *         {@code Retry-After} and {@code x-ratelimit-*} headers when a limit has no room
     * @throws dev.tollgate.gateway.errors.StoreUnavailableException when the store cannot be reached
     */
    RateLease acquire(String requestId, RateLimits limits, long estimatedTokens, Instant now);

    /**
     * Frees the lease's in-flight slot and corrects its tokens from the estimate to {@code actualTokens}
     * (when the call ends in the minute it started; a later minute's counters are not touched). At most
     * once per lease; never throws.
     */
    void release(RateLease lease, long actualTokens);

    /**
     * {@code x-ratelimit-limit-requests}, {@code x-ratelimit-remaining-requests},
     * {@code x-ratelimit-limit-tokens} and {@code x-ratelimit-remaining-tokens} of the tightest limits,
     * for a successful response; empty for a no-op lease. Never throws.
     */
    Map<String, String> headers(RateLease lease);
}
