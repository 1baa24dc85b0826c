package dev.tollgate.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link RateLimiter} in memory, with the semantics of {@link DynamoDbRateLimiter} (the same contract
 * tests run against both): for unit tests and setups without storage. One lock; every method is
 * atomic. Only the counters of the current and the previous minute are kept.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Clock clock;
    private final Duration leaseTtl;
    private final TreeMap<Instant, Map<String, long[]>> minutes = new TreeMap<>();
    private final Map<String, Set<String>> inFlight = new HashMap<>();

    public InMemoryRateLimiter(Clock clock, Duration leaseTtl) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
    }

    @Override
    public RateLease acquire(String requestId, RateLimits limits, long estimatedTokens, Instant now) {
        if (limits.isEmpty()) {
            return RateLease.none(requestId);
        }
        List<Refusal> refusals = new ArrayList<>(Refusal.onTheirOwn(limits));
        if (!refusals.isEmpty()) {
            throw RateLimitErrors.exceeded(Refusal.first(refusals), now);
        }
        RateMinute minute = RateMinute.of(now);
        String slot = limits.hasParallel() ? RateLease.slot(now.plus(leaseTtl).getEpochSecond(), requestId) : null;
        synchronized (this) {
            Map<String, long[]> counters = counters(minute);
            for (RateLimit limit : limits.limits()) {
                if (limit.perMinute()) {
                    long[] c = counters.getOrDefault(limit.counterPk(), new long[2]);
                    Refusal r = Refusal.ofMinute(limit, c[0], c[1], estimatedTokens);
                    if (r != null) {
                        refusals.add(r);
                    }
                }
                if (limit.parallel()) {
                    Set<String> slots = slots(limit, now);
                    if (slots.size() >= limit.maxParallel()) {
                        refusals.add(Refusal.ofParallel(limit, slots.size(), estimatedTokens));
                    }
                }
            }
            if (!refusals.isEmpty()) {
                throw RateLimitErrors.exceeded(Refusal.first(refusals), now);
            }
            List<RateUsage> usage = new ArrayList<>();
            for (RateLimit limit : limits.limits()) {
                if (limit.perMinute()) {
                    long[] c = counters.computeIfAbsent(limit.counterPk(), k -> new long[2]);
                    c[0] += 1;
                    c[1] += limit.chargedTokens(estimatedTokens);
                    usage.add(new RateUsage(limit, c[0], c[1]));
                }
                if (limit.parallel()) {
                    inFlight.computeIfAbsent(limit.inflightPk(), k -> new HashSet<>())
                            .add(slot);
                }
            }
            return new RateLease(requestId, limits, minute, estimatedTokens, slot, usage);
        }
    }

    @Override
    public void release(RateLease lease, long actualTokens) {
        if (lease.isNoop() || !lease.markReleased()) {
            return;
        }
        RateMinute now = RateMinute.of(clock.instant());
        synchronized (this) {
            for (RateLimit limit : lease.limits().limits()) {
                if (limit.perMinute() && now.equals(lease.minute())) {
                    long[] c = minutes.getOrDefault(now.start(), Map.of()).get(limit.counterPk());
                    if (c != null) {
                        c[1] += actualTokens - limit.chargedTokens(lease.estimatedTokens());
                    }
                }
                if (limit.parallel()) {
                    Set<String> slots = inFlight.get(limit.inflightPk());
                    if (slots != null) {
                        slots.remove(lease.slot());
                    }
                }
            }
        }
    }

    @Override
    public Map<String, String> headers(RateLease lease) {
        return lease.isNoop() || lease.usage() == null ? Map.of() : RateHeaders.of(lease.usage());
    }

    /** Requests in flight under {@code limit} now (expired slots excluded), for tests. */
    public synchronized int inFlight(RateLimit limit) {
        return slots(limit, clock.instant()).size();
    }

    /** The slots of a limit, dropping those that expired by {@code now} (their calls died). */
    private Set<String> slots(RateLimit limit, Instant now) {
        Set<String> slots = inFlight.computeIfAbsent(limit.inflightPk(), k -> new HashSet<>());
        slots.removeIf(s -> RateLease.slotExpiry(s) <= now.getEpochSecond());
        return slots;
    }

    /** The counters of {@code minute}; forgets those older than the minute before it. */
    private Map<String, long[]> counters(RateMinute minute) {
        minutes.headMap(minute.start().minusSeconds(60)).clear();
        return minutes.computeIfAbsent(minute.start(), k -> new HashMap<>());
    }
}
