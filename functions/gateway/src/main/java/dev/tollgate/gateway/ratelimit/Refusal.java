package dev.tollgate.gateway.ratelimit;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Why a limit refused a call.
 *
 * @param limit    the limit that has no room
 * @param kind     which of its limits
 * @param requests requests counted this minute before this call, or requests in flight for {@link Kind#PARALLEL}
 * @param tokens   tokens counted this minute before this call (0 for {@link Kind#PARALLEL})
 * @param estimate the tokens this call would have counted
 */
record Refusal(RateLimit limit, Kind kind, long requests, long tokens, long estimate) {

    enum Kind {
        /** Requests per minute. */
        REQUESTS,
        /** Tokens per minute. */
        TOKENS,
        /** Requests in flight. */
        PARALLEL
    }

    /** What the refused limit had used: requests or tokens this minute, or requests in flight. */
    long used() {
        return kind == Kind.TOKENS ? tokens : requests;
    }

    /**
     * The refusal to report when several limits refused at once: a per-minute one before a parallel one
     * (its {@code Retry-After} is the one that matters), otherwise the first in the call's order.
     */
    static Refusal first(List<Refusal> refusals) {
        return refusals.stream().min(Comparator.comparing(Refusal::kind)).orElseThrow();
    }

    /**
     * The refusals a call meets before any counter is read: a limit of zero (which no call fits).
     * A tpm never refuses on its own, because a call's charge is capped at the limit
     * ({@link RateLimit#chargedTokens}); only a tpm of zero does.
     */
    static List<Refusal> onTheirOwn(RateLimits limits) {
        return limits.limits().stream()
                .map(l -> l.rpm() != null && l.rpm() < 1
                        ? new Refusal(l, Kind.REQUESTS, 0, 0, 0)
                        : l.tpm() != null && l.tpm() < 1
                                ? new Refusal(l, Kind.TOKENS, 0, 0, 0)
                                : l.maxParallel() != null && l.maxParallel() < 1
                                        ? new Refusal(l, Kind.PARALLEL, 0, 0, 0)
                                        : null)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The refusal of a minute counter holding {@code requests} and {@code tokens}, or null when the call fits. */
    static Refusal ofMinute(RateLimit limit, long requests, long tokens, long estimate) {
        if (limit.rpm() != null && requests >= limit.rpm()) {
            return new Refusal(limit, Kind.REQUESTS, requests, tokens, estimate);
        }
        if (limit.tpm() != null && tokens > maxTokensBefore(limit, estimate)) {
            return new Refusal(limit, Kind.TOKENS, requests, tokens, estimate);
        }
        return null;
    }

    /** The refusal of an in-flight item holding {@code inFlight} slots. */
    static Refusal ofParallel(RateLimit limit, long inFlight, long estimate) {
        return new Refusal(limit, Kind.PARALLEL, inFlight, 0, estimate);
    }

    /**
     * The most tokens the minute may hold for this call to fit: {@code tpm − max(charge, 1)}. With a
     * charge of 0 (nothing estimated) the minute must still have at least one token left.
     */
    static long maxTokensBefore(RateLimit limit, long estimate) {
        return limit.tpm() - Math.max(1, limit.chargedTokens(estimate));
    }
}
