package dev.tollgate.gateway.ratelimit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI's rate-limit headers for a call that was let through, from the tightest limits: the requests
 * headers come from the per-minute counter with the fewest requests left, the tokens headers from the
 * one with the fewest tokens left (they may be different scopes).
 */
public final class RateHeaders {
    public static final String LIMIT_REQUESTS = "x-ratelimit-limit-requests";
    public static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
    public static final String LIMIT_TOKENS = "x-ratelimit-limit-tokens";
    public static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";

    private RateHeaders() {}

    /** The headers for {@code usages}; empty when none has an rpm or tpm. */
    static Map<String, String> of(List<RateUsage> usages) {
        Map<String, String> headers = new LinkedHashMap<>();
        RateUsage requests = null;
        RateUsage tokens = null;
        for (RateUsage u : usages) {
            if (u.limit().rpm() != null && (requests == null || u.remainingRequests() < requests.remainingRequests())) {
                requests = u;
            }
            if (u.limit().tpm() != null && (tokens == null || u.remainingTokens() < tokens.remainingTokens())) {
                tokens = u;
            }
        }
        if (requests != null) {
            headers.put(LIMIT_REQUESTS, requests.limit().rpm().toString());
            headers.put(REMAINING_REQUESTS, Long.toString(requests.remainingRequests()));
        }
        if (tokens != null) {
            headers.put(LIMIT_TOKENS, tokens.limit().tpm().toString());
            headers.put(REMAINING_TOKENS, Long.toString(tokens.remainingTokens()));
        }
        return headers;
    }
}
