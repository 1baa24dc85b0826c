package dev.tollgate.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@link RateLimiter} on the single DynamoDB table (docs/architecture.md §3). Acquire is one conditional
 * write per rate item — the minute counter of every rpm/tpm limit and the in-flight item of every
 * max-parallel limit — sent as one {@code TransactWriteItems} (all or none), or as a lone
 * {@code UpdateItem} when only one item applies. Release is one more such request. A slot whose call
 * died expires after the lease TTL and is swept by the next call it would otherwise refuse, so no
 * sweeper job is needed. Expressions in {@link RateItems}; reasoning in docs/rate-limits.md.
 */
public final class DynamoDbRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbRateLimiter.class);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration leaseTtl;
    private final RateWrites writes;

    public DynamoDbRateLimiter(DynamoDbClient dynamo, String table, Clock clock, Duration leaseTtl) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leaseTtl = Objects.requireNonNull(leaseTtl, "leaseTtl");
        this.writes = new RateWrites(dynamo, table);
    }

    @Override
    public RateLease acquire(String requestId, RateLimits limits, long estimatedTokens, Instant now) {
        if (limits.isEmpty()) {
            return RateLease.none(requestId);
        }
        List<Refusal> onTheirOwn = Refusal.onTheirOwn(limits);
        if (!onTheirOwn.isEmpty()) {
            throw RateLimitErrors.exceeded(Refusal.first(onTheirOwn), now);
        }
        RateMinute minute = RateMinute.of(now);
        long slotExpiry = now.plus(leaseTtl).getEpochSecond();
        String slot = limits.hasParallel() ? RateLease.slot(slotExpiry, requestId) : null;
        List<RateLimit> owners = new ArrayList<>();
        List<RateWrite> batch = new ArrayList<>();
        for (RateLimit limit : limits.limits()) {
            if (limit.perMinute()) {
                owners.add(limit);
                batch.add(RateItems.countMinute(limit, minute, estimatedTokens));
            }
            if (limit.parallel()) {
                owners.add(limit);
                batch.add(RateItems.takeSlot(limit, slot, slotExpiry + RateItems.INFLIGHT_KEEP_SECONDS));
            }
        }
        for (int attempt = 1; ; attempt++) {
            RateWrites.Outcome outcome = writes.run(batch);
            if (outcome.written()) {
                return new RateLease(
                        requestId,
                        limits,
                        minute,
                        estimatedTokens,
                        slot,
                        outcome.updated() == null ? null : usage(owners.get(0), outcome.updated()));
            }
            List<Refusal> refusals = new ArrayList<>();
            Map<RateLimit, List<String>> expired = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                Map<String, AttributeValue> old = outcome.failed().get(i);
                if (old != null) {
                    refusals.add(refusal(owners.get(i), batch.get(i), old, estimatedTokens, now, expired));
                }
            }
            boolean onlyParallel = refusals.stream().allMatch(r -> r.kind() == Refusal.Kind.PARALLEL);
            if (attempt > 1 || !onlyParallel || expired.isEmpty()) {
                throw RateLimitErrors.exceeded(Refusal.first(refusals), now);
            }
            expired.forEach((limit, slots) -> writes.run(List.of(RateItems.sweep(limit, slots))));
        }
    }

    @Override
    public void release(RateLease lease, long actualTokens) {
        if (lease.isNoop() || !lease.markReleased()) {
            return;
        }
        try {
            Instant now = clock.instant();
            boolean sameMinute = RateMinute.of(now).equals(lease.minute());
            long ttl = now.plus(leaseTtl).getEpochSecond() + RateItems.INFLIGHT_KEEP_SECONDS;
            List<RateWrite> batch = new ArrayList<>();
            for (RateLimit limit : lease.limits().limits()) {
                long delta = actualTokens - limit.chargedTokens(lease.estimatedTokens());
                if (limit.perMinute() && sameMinute && delta != 0) {
                    batch.add(RateItems.correctTokens(limit, lease.minute(), delta));
                }
                if (limit.parallel()) {
                    batch.add(RateItems.freeSlot(limit, lease.slot(), ttl));
                }
            }
            writes.run(batch);
        } catch (RuntimeException e) {
            LOG.warn(
                    "rate lease of {} not released; its slot frees itself when it expires: {}",
                    lease.requestId(),
                    e.toString());
        }
    }

    @Override
    public Map<String, String> headers(RateLease lease) {
        if (lease.isNoop()) {
            return Map.of();
        }
        if (lease.usage() != null) {
            return RateHeaders.of(lease.usage());
        }
        try {
            return RateHeaders.of(read(lease));
        } catch (RuntimeException e) {
            LOG.warn("rate counters of {} unreadable for headers: {}", lease.requestId(), e.toString());
            return Map.of();
        }
    }

    /** The lease's minute counters, read consistently (a transaction returns no values). */
    private List<RateUsage> read(RateLease lease) {
        List<RateLimit> counted =
                lease.limits().limits().stream().filter(RateLimit::perMinute).toList();
        if (counted.isEmpty()) {
            return List.of();
        }
        List<Map<String, AttributeValue>> keys = counted.stream()
                .map(l -> RateItems.key(l.counterPk(), lease.minute().key()))
                .toList();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        dynamo.batchGetItem(b -> b.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(keys)
                                .consistentRead(true)
                                .build())))
                .responses()
                .getOrDefault(table, List.of())
                .forEach(item -> found.put(item.get("pk").s(), item));
        List<RateUsage> usage = new ArrayList<>();
        for (RateLimit limit : counted) {
            Map<String, AttributeValue> item = found.get(limit.counterPk());
            if (item != null) {
                usage.add(new RateUsage(limit, RateItems.number(item, "requests"), RateItems.number(item, "tokens")));
            }
        }
        return usage;
    }

    private static List<RateUsage> usage(RateLimit limit, Map<String, AttributeValue> updated) {
        if (!limit.perMinute()) {
            return List.of();
        }
        return List.of(
                new RateUsage(limit, RateItems.number(updated, "requests"), RateItems.number(updated, "tokens")));
    }

    /** Why {@code write} failed, from the item as it was; notes the expired slots of a full in-flight item. */
    private static Refusal refusal(
            RateLimit limit,
            RateWrite write,
            Map<String, AttributeValue> old,
            long estimate,
            Instant now,
            Map<RateLimit, List<String>> expired) {
        if (RateItems.INFLIGHT_SK.equals(write.key().get("sk").s())) {
            List<String> slots = RateItems.leases(old);
            List<String> dead = slots.stream()
                    .filter(s -> RateLease.slotExpiry(s) <= now.getEpochSecond())
                    .toList();
            if (!dead.isEmpty()) {
                expired.put(limit, dead);
            }
            return Refusal.ofParallel(limit, slots.size(), estimate);
        }
        long requests = RateItems.number(old, "requests");
        long tokens = RateItems.number(old, "tokens");
        Refusal r = Refusal.ofMinute(limit, requests, tokens, estimate);
        // The store refused, so the limit was full when it checked; the old image can only lag behind it.
        return r != null
                ? r
                : new Refusal(
                        limit,
                        limit.rpm() != null ? Refusal.Kind.REQUESTS : Refusal.Kind.TOKENS,
                        requests,
                        tokens,
                        estimate);
    }
}
