package dev.tollgate.gateway.ratelimit;

/**
 * One per-minute counter as a call saw it: the requests and tokens of the current minute, this
 * call included.
 *
 * @param limit    the limit the counter belongs to
 * @param requests requests counted this minute
 * @param tokens   tokens counted this minute (estimates of running calls, actuals of finished ones)
 */
public record RateUsage(RateLimit limit, long requests, long tokens) {

    /** Requests left this minute, or -1 when the limit has no rpm. */
    public long remainingRequests() {
        return limit.rpm() == null ? -1 : Math.max(0, limit.rpm() - requests);
    }

    /** Tokens left this minute, or -1 when the limit has no tpm. */
    public long remainingTokens() {
        return limit.tpm() == null ? -1 : Math.max(0, limit.tpm() - tokens);
    }
}
