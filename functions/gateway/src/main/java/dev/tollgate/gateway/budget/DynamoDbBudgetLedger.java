package dev.tollgate.gateway.budget;

import static dev.tollgate.gateway.budget.LedgerItems.META;
import static dev.tollgate.gateway.budget.Transactions.conditionFailed;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link BudgetLedger} on the single DynamoDB table (docs/architecture.md §3): reserve and settle are one
 * {@code TransactWriteItems} each, with conditional writes as the only concurrency control. The
 * expressions are in {@link LedgerItems}; the reasoning in docs/budgets.md.
 */
public final class DynamoDbBudgetLedger implements BudgetLedger {
    private static final int MAX_READ_ROUNDS = 10;
    private final DynamoDbClient dynamo;
    private final String table;
    private final ZoneId zone;
    private final Clock clock;
    private final LedgerItems items;
    private final LedgerMetrics metrics = new LedgerMetrics();
    private final Transactions transactions;

    public DynamoDbBudgetLedger(DynamoDbClient dynamo, String table, ZoneId zone, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.table = Objects.requireNonNull(table, "table");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.items = new LedgerItems(table);
        this.transactions = new Transactions(dynamo, metrics);
    }

    /** Requests made and write units consumed, for tests and the benchmark. */
    public LedgerMetrics metrics() {
        return metrics;
    }

    @Override
    public ReserveResult reserve(String requestId, List<BudgetLimit> limits, BigDecimal amount, Instant expiresAt) {
        requireAmount(amount);
        Instant now = clock.instant();
        List<BoundCounter> counters = BoundCounter.bind(limits, now, zone);
        List<Shortfall> tooSmall = BoundCounter.exceedingOnTheirOwn(counters, amount, now, zone);
        if (!tooSmall.isEmpty()) {
            return new ReserveResult.Insufficient(tooSmall);
        }
        Reservation reservation = new Reservation(
                requestId,
                counters.stream().map(BoundCounter::key).toList(),
                amount,
                Instant.ofEpochSecond(LedgerItems.epochSecondsCeil(expiresAt)));
        List<TransactWriteItem> writes = new ArrayList<>();
        counters.forEach(c -> writes.add(items.reserveCounter(c, amount, now)));
        writes.add(items.putReservation(reservation));
        try {
            transactions.write(writes);
            return new ReserveResult.Reserved(reservation);
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, counters.size())) {
                return existing(reservation);
            }
            List<Shortfall> shortfalls = new ArrayList<>();
            for (int i = 0; i < counters.size(); i++) {
                if (conditionFailed(e, i)) {
                    BudgetLimit limit = counters.get(i).limit();
                    Map<String, AttributeValue> old =
                            e.cancellationReasons().get(i).item();
                    boolean read = old != null && !old.isEmpty();
                    long calls = read ? LedgerItems.count(old, "calls") : 0;
                    if (limit.limitsRequests() && calls >= limit.maxRequests()) {
                        shortfalls.add(
                                Shortfall.requests(limit, calls, limit.window().resetAt(now, zone)));
                        continue;
                    }
                    shortfalls.add(new Shortfall(
                            limit,
                            read ? LedgerItems.decimal(old, "committed") : null,
                            read ? LedgerItems.decimal(old, "actual") : null,
                            read ? LedgerItems.count(old, "inflight") : 0,
                            limit.window().resetAt(now, zone)));
                }
            }
            if (!shortfalls.isEmpty()) {
                return new ReserveResult.Insufficient(shortfalls);
            }
            throw e;
        }
    }

    @Override
    public void settle(Reservation reservation, Settlement settlement) {
        String id = reservation.requestId();
        BigDecimal delta = settlement.actualCost().subtract(reservation.amount());
        List<TransactWriteItem> writes = new ArrayList<>();
        reservation.counters().forEach(k -> writes.add(items.settleCost(k, delta, settlement)));
        writes.add(items.deleteReservation(id, null));
        boolean withLog = settlement.logItemJson() != null;
        if (withLog) {
            writes.add(items.putLog(id, settlement));
        }
        try {
            transactions.write(writes);
        } catch (TransactionCanceledException e) {
            int n = reservation.counters().size();
            boolean reservationGone = conditionFailed(e, n);
            boolean logWritten = withLog && conditionFailed(e, n + 1);
            if (!reservationGone && !logWritten) {
                throw e;
            }
            if (logWritten) {
                // Already recorded (an earlier settle or a charge): only the reservation may be left over.
                if (!reservationGone) {
                    release(reservation, null);
                }
                return;
            }
            if (withLog) {
                // The sweeper released it first: count the actual cost once, guarded by the log item.
                record(id, reservation.counters(), settlement);
            }
            // Without a log item "already settled" and "released" look alike: do nothing (docs/budgets.md).
        }
    }

    @Override
    public void charge(String requestId, List<BudgetLimit> limits, Settlement settlement) {
        List<CounterKey> keys = BoundCounter.bind(limits, clock.instant(), zone).stream()
                .map(BoundCounter::key)
                .toList();
        record(requestId, keys, settlement);
    }

    @Override
    public int releaseExpired(Instant now, int maxItems) {
        int released = 0;
        for (int shard = 0; shard < LedgerItems.SWEEP_SHARDS && released < maxItems; shard++) {
            Map<String, AttributeValue> startKey = null;
            do {
                int room = maxItems - released;
                String shardKey = "RESV#" + shard;
                Map<String, AttributeValue> from = startKey;
                QueryResponse page = dynamo.query(q -> q.tableName(table)
                        .indexName(LedgerItems.GSI)
                        .keyConditionExpression("gsi1pk = :shard AND gsi1sk <= :now")
                        .expressionAttributeValues(Map.of(
                                ":shard",
                                LedgerItems.s(shardKey),
                                ":now",
                                LedgerItems.s(Instant.ofEpochSecond(now.getEpochSecond())
                                        .toString())))
                        .limit(room)
                        .exclusiveStartKey(from));
                metrics.record(null);
                for (Map<String, AttributeValue> item : page.items()) {
                    if (released < maxItems && release(LedgerItems.reservationFrom(item), now)) {
                        released++;
                    }
                }
                startKey =
                        page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                                ? page.lastEvaluatedKey()
                                : null;
            } while (startKey != null && released < maxItems);
        }
        return released;
    }

    @Override
    public List<CounterState> read(List<BudgetLimit> limits, Instant now) {
        List<CounterKey> keys =
                limits.stream().map(l -> CounterKey.of(l, now, zone)).toList();
        Map<CounterKey, Map<String, AttributeValue>> found = new HashMap<>();
        Set<CounterKey> pending = new LinkedHashSet<>(keys);
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > MAX_READ_ROUNDS) {
                throw new IllegalStateException("budget counters unreadable: DynamoDB kept returning unprocessed keys");
            }
            List<Map<String, AttributeValue>> requested =
                    pending.stream().limit(100).map(LedgerItems::key).toList();
            BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(Map.of(
                    table,
                    KeysAndAttributes.builder()
                            .keys(requested)
                            .consistentRead(true)
                            .build())));
            metrics.record(null);
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                found.put(new CounterKey(item.get("pk").s(), item.get("sk").s()), item);
            }
            requested.forEach(k ->
                    pending.remove(new CounterKey(k.get("pk").s(), k.get("sk").s())));
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
            if (unprocessed != null) {
                unprocessed
                        .keys()
                        .forEach(k -> pending.add(
                                new CounterKey(k.get("pk").s(), k.get("sk").s())));
            }
        }
        List<CounterState> states = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            Map<String, AttributeValue> item = found.get(keys.get(i));
            long requests = LedgerItems.decimal(item, "requests").longValueExact();
            states.add(new CounterState(
                    limits.get(i),
                    LedgerItems.decimal(item, "committed"),
                    LedgerItems.decimal(item, "actual"),
                    requests,
                    limits.get(i).window().resetAt(now, zone),
                    LedgerItems.count(item, "inflight")));
        }
        return states;
    }

    /** Counters += actual (committed and actual), and the log item once; a repeat with a log is a no-op. */
    private void record(String requestId, List<CounterKey> counters, Settlement settlement) {
        List<TransactWriteItem> writes = new ArrayList<>();
        counters.forEach(k -> writes.add(items.applyCost(k, settlement.actualCost(), settlement)));
        boolean withLog = settlement.logItemJson() != null;
        if (withLog) {
            writes.add(items.putLog(requestId, settlement));
        }
        if (writes.isEmpty()) {
            return;
        }
        try {
            transactions.write(writes);
        } catch (TransactionCanceledException e) {
            if (!(withLog && conditionFailed(e, counters.size()))) {
                throw e;
            }
        }
    }

    /** Returns the reservation's amount to its counters and deletes it; false if it was already gone. */
    private boolean release(Reservation reservation, Instant expiredBy) {
        List<TransactWriteItem> writes = new ArrayList<>();
        reservation.counters().forEach(k -> writes.add(items.releaseCounter(k, reservation.amount())));
        writes.add(items.deleteReservation(reservation.requestId(), expiredBy));
        try {
            transactions.write(writes);
            return true;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e, reservation.counters().size())) {
                return false;
            }
            throw e;
        }
    }

    /** The request id is already reserved: the same reservation (an SDK retry) is fine, another is not. */
    private ReserveResult existing(Reservation attempted) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                        .consistentRead(true)
                        .key(LedgerItems.key(LedgerItems.reservationPk(attempted.requestId()), META)))
                .item();
        metrics.record(null);
        if (item != null && !item.isEmpty()) {
            Reservation stored = LedgerItems.reservationFrom(item);
            if (stored.amount().compareTo(attempted.amount()) == 0
                    && stored.counters().equals(attempted.counters())) {
                return new ReserveResult.Reserved(attempted);
            }
        }
        throw new IllegalStateException("request id '" + attempted.requestId() + "' already holds a reservation");
    }

    static void requireAmount(BigDecimal amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount.toPlainString());
        }
    }
}
