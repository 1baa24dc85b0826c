package dev.tollgate.gateway.cache;

import java.time.Instant;
import java.util.Objects;

/**
 * One cached answer.
 *
 * @param key       the cache key ({@link CacheKeys})
 * @param body      the complete chat-completion body as JSON text, usage included
 * @param storedAt  when it was stored (for {@code s-maxage})
 * @param expiresAt when it stops being served
 */
public record CachedAnswer(String key, String body, Instant storedAt, Instant expiresAt) {

    public CachedAnswer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
