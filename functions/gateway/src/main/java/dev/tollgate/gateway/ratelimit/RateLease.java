package dev.tollgate.gateway.ratelimit;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one admitted call holds against its rate limits until {@link RateLimiter#release}: a request
 * and its estimated tokens in the minute it started, and an in-flight slot where a limit bounds
 * parallel requests. A call with no limits holds a no-op lease that costs nothing to release.
 */
public final class RateLease {
    private final String requestId;
    private final RateLimits limits;
    private final RateMinute minute;
    private final long estimatedTokens;
    private final String slot;
    private final List<RateUsage> usage;
    private final AtomicBoolean released = new AtomicBoolean();

    RateLease(
            String requestId,
            RateLimits limits,
            RateMinute minute,
            long estimatedTokens,
            String slot,
            List<RateUsage> usage) {
        this.requestId = requestId;
        this.limits = limits;
        this.minute = minute;
        this.estimatedTokens = estimatedTokens;
        this.slot = slot;
        this.usage = usage == null ? null : List.copyOf(usage);
    }

    /** The lease of a call no rate limit applies to. */
    public static RateLease none(String requestId) {
        return new RateLease(requestId, RateLimits.NONE, null, 0, null, List.of());
    }

    public String requestId() {
        return requestId;
    }

    public RateLimits limits() {
        return limits;
    }

    /** Whether this lease holds nothing (no limits applied). */
    public boolean isNoop() {
        return limits.isEmpty();
    }

    /** The tokens counted for the call when it was admitted (before each limit's cap). */
    public long estimatedTokens() {
        return estimatedTokens;
    }

    RateMinute minute() {
        return minute;
    }

    /** The in-flight slot ({@code <expiry epoch s>#<request id>}), or null when no limit bounds parallel requests. */
    String slot() {
        return slot;
    }

    /** The per-minute counters as the call left them when admitted, or null when the store did not say. */
    List<RateUsage> usage() {
        return usage;
    }

    /** Marks the lease released; true only the first time, so a lease is released at most once. */
    boolean markReleased() {
        return released.compareAndSet(false, true);
    }

    /** The in-flight slot element for a call whose slot expires at {@code expiresEpochSecond}. */
    static String slot(long expiresEpochSecond, String requestId) {
        return expiresEpochSecond + "#" + requestId;
    }

    /** The epoch second at which {@code slot} expires. */
    static long slotExpiry(String slot) {
        return Long.parseLong(slot.substring(0, slot.indexOf('#')));
    }
}
