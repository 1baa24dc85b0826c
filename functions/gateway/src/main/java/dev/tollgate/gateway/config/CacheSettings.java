package dev.tollgate.gateway.config;

import java.util.Locale;

/**
 * The {@code settings.cache} block of {@code tollgate.yml} (docs/caching.md):
 * <pre>
 * settings:
 *   cache:
 *     enabled: true             # every key's calls; otherwise only keys or teams with cache.enabled
 *     ttl_seconds: 3600         # how long an answer is served (a request's cache.ttl overrides it)
 *     scope: team               # who shares an answer: key | team (default) | global
 *     deterministic_only: true  # only temperature 0, or a seed with no temperature (default true)
 * </pre>
 *
 * @param enabled           whether every call may use the cache; null = false (opt-in per key or team)
 * @param ttlSeconds        default time to live of an entry; null = 3600
 * @param scope             who shares entries: {@code key}, {@code team} (a key without a team: itself) or
 *                          {@code global} (every caller of the gateway); null = team
 * @param deterministicOnly whether only deterministic requests are cached; null = true
 */
public record CacheSettings(Boolean enabled, Integer ttlSeconds, String scope, Boolean deterministicOnly) {
    public static final CacheSettings DEFAULT = new CacheSettings(null, null, null, null);

    /** Who may share one cached answer. */
    public enum Sharing {
        KEY,
        TEAM,
        GLOBAL
    }

    public CacheSettings {
        if (ttlSeconds != null && ttlSeconds < 1) {
            throw new IllegalArgumentException("cache.ttl_seconds must be at least 1, not " + ttlSeconds);
        }
        sharing(scope);
    }

    public boolean enabledOrDefault() {
        return Boolean.TRUE.equals(enabled);
    }

    public int ttlOrDefault() {
        return ttlSeconds == null ? 3600 : ttlSeconds;
    }

    public boolean deterministicOnlyOrDefault() {
        return deterministicOnly == null || deterministicOnly;
    }

    public Sharing sharing() {
        return sharing(scope);
    }

    private static Sharing sharing(String scope) {
        if (scope == null) {
            return Sharing.TEAM;
        }
        try {
            return Sharing.valueOf(scope.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cache.scope must be key, team or global, not '" + scope + "'");
        }
    }
}
