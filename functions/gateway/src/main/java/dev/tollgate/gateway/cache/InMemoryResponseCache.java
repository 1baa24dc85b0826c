package dev.tollgate.gateway.cache;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ResponseCache} in this process only (no storage configured: unit tests, the overhead benchmark).
 * Bounded: past {@code maxEntries} the expired entries are dropped, and if that is not enough, new
 * answers are not stored.
 */
public final class InMemoryResponseCache implements ResponseCache {
    private final ConcurrentHashMap<String, CachedAnswer> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public InMemoryResponseCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public Optional<CachedAnswer> get(String key, Instant now) {
        CachedAnswer answer = entries.get(key);
        if (answer == null) {
            return Optional.empty();
        }
        if (answer.expiredAt(now)) {
            entries.remove(key, answer);
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    @Override
    public void put(CachedAnswer answer) {
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(a -> a.expiredAt(answer.storedAt()));
            if (entries.size() >= maxEntries) {
                return;
            }
        }
        entries.put(answer.key(), answer);
    }

    @Override
    public int delete(Collection<String> keys) {
        keys.forEach(entries::remove);
        return keys.size();
    }

    @Override
    public long size() {
        return entries.size();
    }
}
