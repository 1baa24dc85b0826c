package dev.tollgate.gateway.cache;

import java.time.Duration;

/**
 * What the cache step does for one call: nothing ({@link #OFF}), or look up and store under {@code key}.
 *
 * @param key     the cache key ({@link CacheKeys}), null when the cache is off for this call
 * @param control the request's own instructions
 * @param ttl     how long a fresh answer will be kept
 */
public record CacheLookup(String key, CacheControl control, Duration ttl) {
    public static final CacheLookup OFF = new CacheLookup(null, CacheControl.NONE, Duration.ZERO);

    public boolean active() {
        return key != null;
    }

    /** Whether a fresh answer to this call is stored. */
    public boolean stores() {
        return active() && !control.noStore();
    }
}
