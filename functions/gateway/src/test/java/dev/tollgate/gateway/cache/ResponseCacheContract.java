package dev.tollgate.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link ResponseCache} guarantees; run against memory and DynamoDB Local. */
abstract class ResponseCacheContract {
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    abstract ResponseCache cache();

    private static CachedAnswer answer(String key, String body, Duration ttl) {
        return new CachedAnswer(key, body, NOW, NOW.plus(ttl));
    }

    @Test
    void get_whenNothingStored_isEmpty() {
        assertTrue(cache().get("absent-" + System.nanoTime(), NOW).isEmpty());
    }

    @Test
    void put_thenGet_returnsTheSameAnswer() {
        ResponseCache cache = cache();
        cache.put(answer("k1", "{\"id\":\"a\",\"text\":\"héllo\"}", Duration.ofMinutes(10)));

        CachedAnswer found = cache.get("k1", NOW.plusSeconds(1)).orElseThrow();

        assertEquals("{\"id\":\"a\",\"text\":\"héllo\"}", found.body());
        assertEquals(NOW, found.storedAt());
        assertEquals(NOW.plus(Duration.ofMinutes(10)), found.expiresAt());
    }

    @Test
    void get_atOrAfterExpiry_isEmpty_evenIfTheStoreStillHoldsIt() {
        // DynamoDB deletes expired items within days: an expired entry must never be served
        ResponseCache cache = cache();
        cache.put(answer("k2", "{}", Duration.ofSeconds(60)));

        assertTrue(cache.get("k2", NOW.plusSeconds(59)).isPresent());
        assertTrue(cache.get("k2", NOW.plusSeconds(60)).isEmpty());
    }

    @Test
    void put_again_replacesTheAnswer() {
        ResponseCache cache = cache();
        cache.put(answer("k3", "{\"v\":1}", Duration.ofMinutes(1)));
        cache.put(answer("k3", "{\"v\":2}", Duration.ofMinutes(1)));

        assertEquals("{\"v\":2}", cache.get("k3", NOW).orElseThrow().body());
    }

    @Test
    void delete_removesOnlyTheNamedKeys_andUnknownKeysAreFine() {
        ResponseCache cache = cache();
        cache.put(answer("k4", "{}", Duration.ofMinutes(1)));
        cache.put(answer("k5", "{}", Duration.ofMinutes(1)));

        assertEquals(2, cache.delete(List.of("k4", "never-stored")));

        assertTrue(cache.get("k4", NOW).isEmpty());
        assertTrue(cache.get("k5", NOW).isPresent());
    }
}
