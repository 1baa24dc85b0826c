package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.errors.StoreUnavailableException;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the master key (property {@code tollgate.master-key}, SHA-256 digests compared in
 * constant time; an admin) and virtual keys: the SHA-256 of the presented key is looked up in the
 * {@link IdentityStore} with its user and team, and refused when unknown (401
 * {@code invalid_api_key}), blocked (401 {@code key_blocked}), expired (401 {@code key_expired}),
 * an old secret past its regeneration grace (401 {@code key_regenerated}), or when its user or team
 * is blocked (403 {@code user_blocked} / {@code team_blocked}). When the store cannot be reached
 * the call fails closed with 503 {@code storage_unavailable}.
 *
 * <p>Lookups are cached in memory for {@code tollgate.auth.cache-seconds} (default 5; 0 turns the
 * cache off), so a key that is blocked, deleted or changed keeps its old state for at most that
 * long on an instance that read it just before. Expiry and grace are checked against the clock on
 * every call, cached or not.
 *
 * <p>Present only when storage is configured; without it {@link MasterKeyAuthenticator} stays the
 * only authenticator.
 */
@Singleton
@Primary
@Requires(beans = IdentityStore.class)
public class VirtualKeyAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualKeyAuthenticator.class);
    /** Beyond this many cached keys the cache starts over (a flood of random keys cannot grow it forever). */
    static final int MAX_CACHED = 10_000;

    private final IdentityStore store;
    private final Clock clock;
    private final long cacheMillis;
    private final MasterKey master;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public VirtualKeyAuthenticator(
            IdentityStore store,
            @Value("${tollgate.master-key:}") String masterKey,
            @Value("${tollgate.auth.cache-seconds:5}") long cacheSeconds,
            @Nullable Clock clock) {
        if (cacheSeconds < 0) {
            throw new IllegalStateException("tollgate.auth.cache-seconds must not be negative: " + cacheSeconds);
        }
        this.store = store;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        this.cacheMillis = cacheSeconds * 1_000L;
        this.master = new MasterKey(masterKey);
    }

    @Override
    public Principal authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            throw GatewayException.unauthorized("No API key provided.");
        }
        byte[] digest = ApiKeys.sha256(presentedKey);
        if (master.matches(digest)) {
            return master.principal();
        }
        String hash = HexFormat.of().formatHex(digest);
        Resolved resolved = resolve(hash);
        if (resolved == null) {
            throw GatewayException.unauthorized("Invalid API key: " + ApiKeys.redact(presentedKey));
        }
        return checked(resolved, hash);
    }

    @Override
    public Principal authenticateHash(String keyHash) {
        if (master.matchesHash(keyHash)) {
            return master.principal();
        }
        Resolved resolved = keyHash == null ? null : resolve(keyHash);
        if (resolved == null) {
            throw GatewayException.unauthorized("The key of this dashboard session no longer exists; sign in again.");
        }
        return checked(resolved, keyHash);
    }

    private Principal checked(Resolved resolved, String hash) {
        KeyRecord key = resolved.key();
        Instant now = clock.instant();
        if (!key.keyHash().equals(hash) && !key.inGrace(hash, now)) {
            throw IdentityErrors.replaced();
        }
        if (key.blocked()) {
            throw IdentityErrors.blocked(key);
        }
        if (key.expiredAt(now)) {
            throw IdentityErrors.expired(key);
        }
        if (resolved.user() != null && resolved.user().blocked()) {
            throw IdentityErrors.userBlocked(resolved.user().userId());
        }
        if (resolved.team() != null && resolved.team().blocked()) {
            throw IdentityErrors.teamBlocked(resolved.team().teamId());
        }
        return new Principal(key.keyHash(), key.keyAlias(), false, key, resolved.user(), resolved.team());
    }

    /** Forgets every cached lookup (the admin API calls this after its own changes on this instance). */
    public void invalidateAll() {
        cache.clear();
    }

    private Resolved resolve(String hash) {
        if (cacheMillis == 0) {
            return load(hash);
        }
        long now = clock.millis();
        Cached cached = cache.get(hash);
        if (cached != null && now - cached.loadedAt() < cacheMillis) {
            return cached.value();
        }
        Resolved value = load(hash);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(hash, new Cached(value, now));
        return value;
    }

    private Resolved load(String hash) {
        try {
            KeyRecord key = store.key(hash).orElse(null);
            if (key == null) {
                return null;
            }
            UserRecord user =
                    key.userId() == null ? null : store.user(key.userId()).orElse(null);
            TeamRecord team =
                    key.teamId() == null ? null : store.team(key.teamId()).orElse(null);
            return new Resolved(key, user, team);
        } catch (StoreUnavailableException e) {
            LOG.warn("Key lookup failed: {}", e.toString());
            throw IdentityErrors.storeUnavailable();
        }
    }

    private record Resolved(KeyRecord key, UserRecord user, TeamRecord team) {}

    private record Cached(Resolved value, long loadedAt) {}
}
