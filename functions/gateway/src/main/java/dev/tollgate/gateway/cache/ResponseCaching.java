package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.CacheSettings;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.errors.StoreUnavailableException;
import dev.tollgate.gateway.identity.Principal;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache step of the pipeline (docs/caching.md): whether a call may use the response cache, under which
 * key, and the lookup and store around the upstream call. The cache never fails a call: a store that cannot
 * be reached is a miss, an answer that cannot be stored is simply not cached.
 */
@Singleton
public class ResponseCaching {
    public static final String HEADER = "x-tollgate-cache";
    public static final String KEY_HEADER = "x-tollgate-cache-key";
    private static final Logger LOG = LoggerFactory.getLogger(ResponseCaching.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ResponseCache store;
    private final CacheSettings settings;
    private final Clock clock;
    private final CacheStats stats = new CacheStats();

    public ResponseCaching(ResponseCache store, GatewayConfig config, Clock clock) {
        this.store = store;
        this.settings = config.settings().cacheOrDefault();
        this.clock = clock;
    }

    /** Where the cache stands for this call; {@link CacheLookup#OFF} unless it is enabled and the request qualifies. */
    public CacheLookup plan(Principal principal, ObjectNode request, String servedModel) {
        CacheControl control = CacheControl.of(request);
        Map<String, Object> keyCache = principal == null || principal.key() == null
                ? Map.of()
                : principal.key().cache();
        Map<String, Object> teamCache = principal == null || principal.team() == null
                ? Map.of()
                : principal.team().cache();
        Boolean keyEnabled = bool(keyCache.get("enabled"));
        boolean enabled = keyEnabled != null
                ? keyEnabled
                : Boolean.TRUE.equals(bool(teamCache.get("enabled"))) || settings.enabledOrDefault();
        if (!enabled || (settings.deterministicOnlyOrDefault() && !deterministic(request))) {
            return CacheLookup.OFF;
        }
        Integer ttl = control.ttl() != null
                ? control.ttl()
                : seconds(keyCache.get("ttl")) != null
                        ? seconds(keyCache.get("ttl"))
                        : seconds(teamCache.get("ttl")) != null
                                ? seconds(teamCache.get("ttl"))
                                : settings.ttlOrDefault();
        return new CacheLookup(CacheKeys.of(scope(principal), servedModel, request), control, Duration.ofSeconds(ttl));
    }

    /**
     * The rule of {@code deterministic_only}: {@code temperature} is 0, or it is unset and a {@code seed} is set.
     * Any other request may get a different answer each time, so repeating one would change its meaning.
     */
    public static boolean deterministic(JsonNode request) {
        JsonNode temperature = request.get("temperature");
        if (temperature != null && !temperature.isNull()) {
            return temperature.isNumber() && temperature.decimalValue().signum() == 0;
        }
        JsonNode seed = request.get("seed");
        return seed != null && seed.isIntegralNumber();
    }

    /** The cached answer for this call, unless it has none, the request said {@code no-cache}, or it is too old. */
    public Optional<ObjectNode> find(CacheLookup lookup) {
        if (!lookup.active() || lookup.control().noCache()) {
            if (lookup.active()) {
                stats.misses.incrementAndGet();
            }
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            Optional<CachedAnswer> found = store.get(lookup.key(), now);
            Integer maxAge = lookup.control().sMaxAge();
            if (found.isPresent()
                    && (maxAge == null
                            || !found.get().storedAt().plusSeconds(maxAge).isBefore(now))) {
                ObjectNode body = (ObjectNode) JSON.readTree(found.get().body());
                stats.hits.incrementAndGet();
                return Optional.of(body);
            }
        } catch (StoreUnavailableException | IOException | ClassCastException e) {
            stats.errors.incrementAndGet();
            LOG.warn("response cache lookup failed, treated as a miss: {}", e.getMessage());
        }
        stats.misses.incrementAndGet();
        return Optional.empty();
    }

    /** Stores a complete answer (status 200) unless the request said {@code no-store}. */
    public void store(CacheLookup lookup, ObjectNode answer) {
        if (!lookup.stores()) {
            return;
        }
        Instant now = clock.instant();
        try {
            store.put(new CachedAnswer(lookup.key(), answer.toString(), now, now.plus(lookup.ttl())));
            stats.stores.incrementAndGet();
        } catch (DynamoDbResponseCache.AnswerTooLarge e) {
            stats.tooLarge.incrementAndGet();
        } catch (StoreUnavailableException e) {
            stats.errors.incrementAndGet();
            LOG.warn("response cache store failed, answer not cached: {}", e.getMessage());
        }
    }

    /** {@code POST /cache/delete}. */
    public int delete(Collection<String> keys) {
        return store.delete(keys);
    }

    /** The size and hit-rate line of {@code /health}. */
    public Map<String, Object> health() {
        Map<String, Object> view = stats.view(store.size());
        view.put("enabled_by_default", settings.enabledOrDefault());
        return view;
    }

    /** A round trip to the store, for {@code GET /cache/ping}: the lookup of a key that does not exist. */
    public void ping() {
        store.get("ping", clock.instant());
    }

    private String scope(Principal principal) {
        if (principal == null || principal.key() == null) {
            return settings.sharing() == CacheSettings.Sharing.GLOBAL ? "global" : "master";
        }
        return switch (settings.sharing()) {
            case GLOBAL -> "global";
            case TEAM ->
                principal.teamId() != null
                        ? "team:" + principal.teamId()
                        : "key:" + principal.key().keyId();
            case KEY -> "key:" + principal.key().keyId();
        };
    }

    private static Boolean bool(Object value) {
        return value instanceof Boolean b ? b : null;
    }

    private static Integer seconds(Object value) {
        return value instanceof Number n && n.intValue() > 0 ? n.intValue() : null;
    }
}
