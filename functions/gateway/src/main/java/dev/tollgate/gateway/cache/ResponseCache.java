package dev.tollgate.gateway.cache;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Exact-match store of complete chat answers (docs/caching.md), keyed by {@link CacheKeys}. An entry is
 * the answer's JSON text and the time it expires; an expired entry is never returned, whether or not
 * the store has deleted it yet (DynamoDB's TTL deletes within days, not on time). Writes are last-writer-wins:
 * two misses on the same key store equivalent answers. Storage failures surface as
 * {@code StoreUnavailableException}; the caller treats them as a miss.
 */
public interface ResponseCache {

    /** The entry under {@code key} if it exists and has not expired at {@code now}. */
    Optional<CachedAnswer> get(String key, Instant now);

    /** Stores (or replaces) an entry. */
    void put(CachedAnswer answer);

    /** Removes the entries under {@code keys}; returns how many keys were asked for (deletes are idempotent). */
    int delete(Collection<String> keys);

    /** Entries held, where the store can tell cheaply ({@code -1} when it cannot: DynamoDB). */
    long size();
}
