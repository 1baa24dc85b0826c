package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.UserRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rate limit one call must fit: the key's rpm / tpm / max parallel requests, its per-model rpm
 * and tpm for the called model, and the rpm / tpm / max parallel requests of its user and its team.
 * Most keys have none, and then {@link #isEmpty()} lets the limiter skip storage entirely.
 *
 * @param limits one entry per scope (or per key and model), each with at least one limit set
 */
public record RateLimits(List<RateLimit> limits) {
    public static final RateLimits NONE = new RateLimits(List.of());

    public RateLimits {
        limits = List.copyOf(limits);
        Set<String> counters = new HashSet<>();
        for (RateLimit limit : limits) {
            if (!counters.add(limit.counterPk())) {
                throw new IllegalArgumentException("two rate limits on one counter: " + limit.counterPk());
            }
        }
    }

    public static RateLimits of(RateLimit... limits) {
        return new RateLimits(List.of(limits));
    }

    /**
     * The limits of a call by {@code principal} to the public model {@code model}. The master key has
     * none. A negative limit is treated as no limit; zero refuses every call.
     */
    public static RateLimits forCall(Principal principal, String model) {
        KeyRecord key = principal.key();
        if (key == null) {
            return NONE;
        }
        List<RateLimit> limits = new ArrayList<>();
        String keyName = key.keyAlias() != null ? key.keyAlias() : key.keyPrefix();
        add(
                limits,
                RateScope.KEY,
                key.keyId(),
                keyName,
                null,
                key.rpmLimit(),
                key.tpmLimit(),
                key.maxParallelRequests());
        if (model != null) {
            add(
                    limits,
                    RateScope.KEY,
                    key.keyId(),
                    keyName,
                    model,
                    key.modelRpmLimit().get(model),
                    key.modelTpmLimit().get(model),
                    null);
        }
        UserRecord user = principal.user();
        if (user != null) {
            add(
                    limits,
                    RateScope.USER,
                    user.userId(),
                    user.userId(),
                    null,
                    user.rpmLimit(),
                    user.tpmLimit(),
                    user.maxParallelRequests());
        }
        TeamRecord team = principal.team();
        if (team != null) {
            String teamName = team.teamAlias() != null ? team.teamAlias() : team.teamId();
            add(
                    limits,
                    RateScope.TEAM,
                    team.teamId(),
                    teamName,
                    null,
                    team.rpmLimit(),
                    team.tpmLimit(),
                    team.maxParallelRequests());
        }
        return limits.isEmpty() ? NONE : new RateLimits(limits);
    }

    /** Whether no limit applies (no storage call is needed). */
    public boolean isEmpty() {
        return limits.isEmpty();
    }

    /** Whether any limit bounds requests in flight. */
    public boolean hasParallel() {
        return limits.stream().anyMatch(RateLimit::parallel);
    }

    private static void add(
            List<RateLimit> limits,
            RateScope scope,
            String id,
            String name,
            String model,
            Long rpm,
            Long tpm,
            Long maxParallel) {
        Long r = set(rpm);
        Long t = set(tpm);
        Long p = set(maxParallel);
        if (r != null || t != null || p != null) {
            limits.add(new RateLimit(scope, id, name, model, r, t, p));
        }
    }

    private static Long set(Long value) {
        return value == null || value < 0 ? null : value;
    }
}
