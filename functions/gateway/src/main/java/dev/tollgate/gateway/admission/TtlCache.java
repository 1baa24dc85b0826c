package dev.tollgate.gateway.admission;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** A small read-through cache whose entries live a fixed time (end-user and tag records on the hot path). */
final class TtlCache<K, V> {
    private record Entry<V>(V value, Instant until) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;
    private final int maxEntries;

    TtlCache(Duration ttl, Clock clock, int maxEntries) {
        this.ttl = ttl;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    V get(K key, Function<K, V> load) {
        if (ttl.isZero()) {
            return load.apply(key);
        }
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.until().isAfter(now)) {
            return entry.value();
        }
        V value = load.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now.plus(ttl)));
        return value;
    }
}
