package dev.tollgate.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryResponseCacheTest extends ResponseCacheContract {
    private final InMemoryResponseCache cache = new InMemoryResponseCache(3);

    @Override
    ResponseCache cache() {
        return cache;
    }

    @Test
    void put_whenFull_dropsExpiredEntriesFirst_thenStopsStoring() {
        cache.put(new CachedAnswer("old", "{}", NOW.minusSeconds(120), NOW.minusSeconds(60)));
        cache.put(new CachedAnswer("a", "{}", NOW, NOW.plus(Duration.ofMinutes(1))));
        cache.put(new CachedAnswer("b", "{}", NOW, NOW.plus(Duration.ofMinutes(1))));

        cache.put(new CachedAnswer("c", "{}", NOW, NOW.plus(Duration.ofMinutes(1))));
        cache.put(new CachedAnswer("d", "{}", NOW, NOW.plus(Duration.ofMinutes(1))));

        assertEquals(3, cache.size());
        assertTrue(cache.get("c", NOW).isPresent());
        assertTrue(cache.get("d", NOW).isEmpty());
    }
}
