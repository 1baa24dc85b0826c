package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The items and writes of {@link DynamoDbBudgetLedger}, with their condition expressions in one
 * place (docs/budgets.md lists them; DynamoDbBudgetLedgerRequestsTest pins them).
 */
final class LedgerItems {
    /** Guards overshoot: the counter takes the amount only while committed + amount stays within the limit. */
    static final String RESERVE_CONDITION = "attribute_not_exists(committed) OR committed <= :max";

    /**
     * A reservation adds its amount to committed and counts itself in flight. {@code committed - actual} is
     * what open reservations hold, so no separate "held" attribute is written; {@code inflight} says how
     * many calls hold it (for the {@code budget_in_use} refusal and the spend headers).
     */
    static final String RESERVE_UPDATE = "ADD committed :amt, inflight :one";
    /**
     * Guards a request limit (sessions): the counter admits a call only while fewer than the limit were admitted.
     * {@code calls} counts admissions (never decremented), so a refused or failed call still counts once admitted.
     */
    static final String CALLS_CONDITION = "(attribute_not_exists(calls) OR calls < :maxcalls)";
    /** A counter with a request limit also counts the call it admits. */
    static final String COUNT_CALL = ", calls :one";
    /** A session counter lives {@link #SESSION_TTL_SECONDS} after its last admitted call, then DynamoDB deletes it. */
    static final String SESSION_TTL = " SET #ttl = :ttl";

    static final long SESSION_TTL_SECONDS = 7 * 86_400;
    /** Settling replaces the reservation by the actual cost and takes the call out of flight. */
    static final String SETTLE_UPDATE = "ADD committed :delta, actual :actual, requests :one, prompt_tokens :p,"
            + " completion_tokens :c, inflight :gone";
    /** A cost with no reservation (a charge, or a settlement after the sweeper): nothing was in flight. */
    static final String COST_UPDATE =
            "ADD committed :delta, actual :actual, requests :one, prompt_tokens :p, completion_tokens :c";
    /** The sweeper (or a duplicate's clean-up) returns the amount and takes the call out of flight. */
    static final String RELEASE_UPDATE = "ADD committed :release, inflight :gone";
    /** A new reservation or log item: one per request id. */
    static final String NEW_ITEM_CONDITION = "attribute_not_exists(pk)";
    /** Settlement deletes the reservation only if it still exists: exactly once. */
    static final String RESERVATION_EXISTS = "attribute_exists(pk)";
    /** The sweeper deletes only an expired reservation that still exists. */
    static final String RESERVATION_EXPIRED = "attribute_exists(pk) AND expires_at <= :now";

    static final String META = "META";
    static final String GSI = "gsi1";
    static final int SWEEP_SHARDS = 4;
    private static final long RESERVATION_TTL_SECONDS = 86_400;

    private final String table;

    LedgerItems(String table) {
        this.table = table;
    }

    TransactWriteItem reserveCounter(BoundCounter counter, BigDecimal amount, Instant now) {
        BudgetLimit limit = counter.limit();
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":amt", n(amount), ":one", n(1)));
        String expression = RESERVE_UPDATE;
        Update.Builder update = Update.builder().tableName(table).key(key(counter.key()));
        if (limit.limitsRequests()) {
            expression += COUNT_CALL;
        }
        if (limit.scope() == Scope.SESSION) {
            expression += SESSION_TTL;
            values.put(":ttl", n(now.getEpochSecond() + SESSION_TTL_SECONDS));
            update.expressionAttributeNames(Map.of("#ttl", "ttl"));
        }
        String condition = null;
        if (limit.capped()) {
            condition = RESERVE_CONDITION;
            values.put(":max", n(limit.limit().subtract(amount)));
        }
        if (limit.limitsRequests()) {
            condition = condition == null ? CALLS_CONDITION : "(" + condition + ") AND " + CALLS_CONDITION;
            values.put(":maxcalls", n(limit.maxRequests()));
        }
        update.updateExpression(expression).expressionAttributeValues(values);
        if (condition != null) {
            update.conditionExpression(condition)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    TransactWriteItem putReservation(Reservation r) {
        long expires = epochSecondsCeil(r.expiresAt());
        List<AttributeValue> counters = new ArrayList<>();
        for (CounterKey k : r.counters()) {
            counters.add(AttributeValue.fromM(Map.of("pk", s(k.pk()), "sk", s(k.sk()), "amount", n(r.amount()))));
        }
        Map<String, AttributeValue> item = new HashMap<>(key(reservationPk(r.requestId()), META));
        item.put("request_id", s(r.requestId()));
        item.put("amount", n(r.amount()));
        item.put("counters", AttributeValue.fromL(counters));
        item.put("expires_at", n(expires));
        item.put("ttl", n(expires + RESERVATION_TTL_SECONDS));
        item.put("gsi1pk", s(shardKey(r.requestId())));
        item.put("gsi1sk", s(Instant.ofEpochSecond(expires).toString()));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression(NEW_ITEM_CONDITION)
                        .build())
                .build();
    }

    /** committed += committedDelta; actual, requests and tokens grow by the settlement; no call leaves flight. */
    TransactWriteItem applyCost(CounterKey k, BigDecimal committedDelta, Settlement s) {
        return cost(k, COST_UPDATE, committedDelta, s, Map.of());
    }

    /** As {@link #applyCost}, and the settled call leaves flight ({@code inflight - 1}). */
    TransactWriteItem settleCost(CounterKey k, BigDecimal committedDelta, Settlement s) {
        return cost(k, SETTLE_UPDATE, committedDelta, s, Map.of(":gone", n(-1)));
    }

    private TransactWriteItem cost(
            CounterKey k,
            String expression,
            BigDecimal committedDelta,
            Settlement s,
            Map<String, AttributeValue> more) {
        Map<String, AttributeValue> values = new HashMap<>(more);
        values.put(":delta", n(committedDelta));
        values.put(":actual", n(s.actualCost()));
        values.put(":one", n(1));
        values.put(":p", n(s.promptTokens()));
        values.put(":c", n(s.completionTokens()));
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key(k))
                        .updateExpression(expression)
                        .expressionAttributeValues(values)
                        .build())
                .build();
    }

    TransactWriteItem releaseCounter(CounterKey k, BigDecimal amount) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table)
                        .key(key(k))
                        .updateExpression(RELEASE_UPDATE)
                        .expressionAttributeValues(Map.of(":release", n(amount.negate()), ":gone", n(-1)))
                        .build())
                .build();
    }

    /** Deletes the reservation if it exists and, when {@code expiredBy} is set, expired by then. */
    TransactWriteItem deleteReservation(String requestId, Instant expiredBy) {
        Delete.Builder delete = Delete.builder().tableName(table).key(key(reservationPk(requestId), META));
        if (expiredBy == null) {
            delete.conditionExpression(RESERVATION_EXISTS);
        } else {
            delete.conditionExpression(RESERVATION_EXPIRED)
                    .expressionAttributeValues(Map.of(":now", n(expiredBy.getEpochSecond())));
        }
        return TransactWriteItem.builder().delete(delete.build()).build();
    }

    TransactWriteItem putLog(String requestId, Settlement s) {
        Map<String, AttributeValue> item = new HashMap<>(key(logPk(requestId), META));
        s.logAttributes().forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                item.put(name, s(value));
            }
        });
        item.put("record", s(s.logItemJson()));
        item.put("ttl", n(s.logExpiresAt().getEpochSecond()));
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(item)
                        .conditionExpression(NEW_ITEM_CONDITION)
                        .build())
                .build();
    }

    static Reservation reservationFrom(Map<String, AttributeValue> item) {
        List<CounterKey> counters = new ArrayList<>();
        for (AttributeValue c : item.get("counters").l()) {
            counters.add(new CounterKey(c.m().get("pk").s(), c.m().get("sk").s()));
        }
        return new Reservation(
                item.get("request_id").s(),
                counters,
                new BigDecimal(item.get("amount").n()),
                Instant.ofEpochSecond(Long.parseLong(item.get("expires_at").n())));
    }

    static String reservationPk(String requestId) {
        return "RESV#" + requestId;
    }

    static String logPk(String requestId) {
        return "LOG#" + requestId;
    }

    /** Spreads reservations over a few GSI partitions so the sweeper's index has no single hot key. */
    static String shardKey(String requestId) {
        return "RESV#" + Math.floorMod(requestId.hashCode(), SWEEP_SHARDS);
    }

    static Map<String, AttributeValue> key(CounterKey k) {
        return key(k.pk(), k.sk());
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || v.n() == null ? BigDecimal.ZERO : new BigDecimal(v.n());
    }

    /**
     * A count that is never negative: {@code inflight} of a counter written before it was tracked can
     * dip below zero when those older reservations settle; it reads as 0 until the window rolls over.
     */
    static long count(Map<String, AttributeValue> item, String name) {
        return Math.max(0, decimal(item, name).longValue());
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(BigDecimal value) {
        return AttributeValue.fromN(value.toPlainString());
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    /** Whole seconds, rounded up, so a reservation is never released before its expiry. */
    static long epochSecondsCeil(Instant t) {
        Instant whole = t.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(t) ? whole.getEpochSecond() : whole.getEpochSecond() + 1;
    }
}
