package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.errors.GatewayException;
import java.time.Instant;
import java.util.List;

/** The 429 of a call that does not fit a rate limit, and the 503 of a limiter that cannot reach its store. */
final class RateLimitErrors {
    static final String TYPE = "rate_limit_exceeded";

    private RateLimitErrors() {}

    /**
     * 429 {@code rate_limit_exceeded} naming the scope (and model) and the limit, with {@code Retry-After}
     * (seconds to the next minute, or 1 for requests in flight) and the refusing limit's
     * {@code x-ratelimit-*} headers.
     */
    static GatewayException exceeded(Refusal refusal, Instant now) {
        RateLimit limit = refusal.limit();
        long retryAfter = refusal.kind() == Refusal.Kind.PARALLEL ? 1 : RateMinute.secondsToNextMinute(now);
        String message = "Rate limit exceeded for " + limit.label() + ": "
                + switch (refusal.kind()) {
                    case REQUESTS -> limit.rpm() + " requests per minute, " + refusal.used() + " used this minute";
                    case TOKENS ->
                        limit.tpm() + " tokens per minute, " + refusal.used()
                                + " used this minute and this call may use " + limit.chargedTokens(refusal.estimate());
                    case PARALLEL -> limit.maxParallel() + " parallel requests, " + refusal.used() + " in flight";
                }
                + ". Retry after " + retryAfter + "s.";
        GatewayException e = new GatewayException(429, TYPE, message, null, TYPE);
        e.withHeader("retry-after", Long.toString(retryAfter));
        if (refusal.kind() != Refusal.Kind.PARALLEL) {
            RateHeaders.of(List.of(new RateUsage(limit, refusal.requests(), refusal.tokens())))
                    .forEach(e::withHeader);
        }
        return e;
    }

    static GatewayException storageUnavailable() {
        return new GatewayException(
                503,
                "service_unavailable",
                "The rate-limit store cannot be reached, so the call was not sent upstream (fail closed). Try again shortly.",
                null,
                "rate_limit_store_unavailable");
    }
}
