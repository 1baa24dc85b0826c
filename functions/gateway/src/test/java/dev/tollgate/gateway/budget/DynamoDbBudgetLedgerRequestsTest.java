package dev.tollgate.gateway.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.testing.CapturingInterceptor;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The exact DynamoDB requests of reserve, settle and sweep, captured on the way out, so that a
 * change to a condition expression is a deliberate change to this test. Also counts requests and
 * write units per call.
 */
class DynamoDbBudgetLedgerRequestsTest {
    private static final CapturingInterceptor<SdkRequest> CAPTURE = CapturingInterceptor.all();
    private static final List<SdkRequest> SENT = CAPTURE.requests();
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:15:30Z"));
    private final BudgetLimit key = new BudgetLimit(Scope.KEY, "k1", BudgetWindow.DAY, new BigDecimal("5.00"));
    private final BudgetLimit team = new BudgetLimit(Scope.TEAM, "ml", BudgetWindow.MONTH, new BigDecimal("100"));
    private final BudgetLimit tag = new BudgetLimit(Scope.TAG, "prod", BudgetWindow.LIFETIME, new BigDecimal("1000"));
    private DynamoDbBudgetLedger ledger;

    @BeforeAll
    static void startDynamo() {
        dynamo = DynamoDbLocal.client(CAPTURE);
    }

    @AfterAll
    static void closeClient() {
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        ledger = new DynamoDbBudgetLedger(dynamo, DynamoDbLocal.createTable(dynamo, "budget"), ZoneOffset.UTC, clock);
        CAPTURE.clear();
    }

    @Test
    void reserve_onASessionCounter_countsTheCall_checksTheRequestLimit_andSetsTheTtl() {
        // WHEN a call of a session limited to $2 and 5 calls reserves $0.30
        BudgetLimit session =
                new BudgetLimit(Scope.SESSION, "key:k1/s1", BudgetWindow.LIFETIME, new BigDecimal("2"), 5L);
        ledger.reserve(
                "s1", List.of(session), new BigDecimal("0.30"), clock.instant().plus(Duration.ofMinutes(5)));
        // THEN the money and the request limit are checked in the one conditional write, the call is counted in
        // `calls` (never decremented: a session's request limit counts admitted calls), and the counter's ttl
        // moves a week past this call so DynamoDB deletes a finished session's counter
        Update add = onlyTransaction().transactItems().get(0).update();
        assertEquals(
                "(attribute_not_exists(committed) OR committed <= :max) AND (attribute_not_exists(calls) OR calls < :maxcalls)",
                add.conditionExpression());
        assertEquals("ADD committed :amt, inflight :one, calls :one SET #ttl = :ttl", add.updateExpression());
        assertEquals("5", add.expressionAttributeValues().get(":maxcalls").n());
        assertEquals("1.70", add.expressionAttributeValues().get(":max").n());
        assertEquals("ttl", add.expressionAttributeNames().get("#ttl"));
        assertEquals(
                Long.toString(clock.instant().getEpochSecond() + 7 * 86_400),
                add.expressionAttributeValues().get(":ttl").n());
    }

    @Test
    void reserve_sendsOneTransactionOfConditionalAddsAndAReservationPut() {
        // WHEN a $0.30 call of a key in a team with a tag reserves
        Instant expires = clock.instant().plus(Duration.ofMinutes(5));
        reserve("r1", "0.30", expires);
        // THEN one transaction: a conditional ADD per counter, then the reservation
        TransactWriteItemsRequest tx = onlyTransaction();
        assertEquals(ReturnConsumedCapacity.TOTAL, tx.returnConsumedCapacity());
        assertEquals(4, tx.transactItems().size());
        List<String> maxes = List.of("4.70", "99.70", "999.70");
        List<String> sortKeys = List.of("1d#2026-03-04T00:00:00Z", "1mo#2026-03-01T00:00:00Z", "lifetime#-");
        for (int i = 0; i < 3; i++) {
            Update add = tx.transactItems().get(i).update();
            // Counts the call in flight on the same write: a refusal's ALL_OLD then says how many calls hold the
            // room (budget_in_use, "reserved by N calls in flight") with no extra read. What they hold is
            // committed − actual, so no "held" attribute is written.
            assertEquals("ADD committed :amt, inflight :one", add.updateExpression());
            assertEquals("1", add.expressionAttributeValues().get(":one").n());
            // Guards overshoot under concurrency: the check and the ADD are one atomic step, and
            // :max = limit − amount is computed client-side, so committed + amount <= limit always.
            assertEquals("attribute_not_exists(committed) OR committed <= :max", add.conditionExpression());
            assertEquals(
                    maxes.get(i), add.expressionAttributeValues().get(":max").n());
            assertEquals("0.30", add.expressionAttributeValues().get(":amt").n());
            // Carries the current spend back on refusal, so the clamp needs no extra read.
            assertEquals(ReturnValuesOnConditionCheckFailure.ALL_OLD, add.returnValuesOnConditionCheckFailure());
            assertEquals(sortKeys.get(i), add.key().get("sk").s());
        }
        assertEquals(
                "SPEND#TAG#prod",
                tx.transactItems().get(2).update().key().get("pk").s());
        Put reservation = tx.transactItems().get(3).put();
        // Guards a second reservation under one request id silently replacing the first.
        assertEquals("attribute_not_exists(pk)", reservation.conditionExpression());
        Map<String, AttributeValue> item = reservation.item();
        assertEquals("RESV#r1", item.get("pk").s());
        assertEquals("META", item.get("sk").s());
        assertEquals(
                String.valueOf(expires.getEpochSecond()), item.get("expires_at").n());
        assertEquals(
                String.valueOf(expires.getEpochSecond() + 86_400),
                item.get("ttl").n());
        assertTrue(
                item.get("gsi1pk").s().matches("RESV#[0-3]"), item.get("gsi1pk").s());
        assertEquals("2026-03-04T10:20:30Z", item.get("gsi1sk").s());
        assertEquals(3, item.get("counters").l().size());
        assertEquals(
                "SPEND#KEY#k1", item.get("counters").l().get(0).m().get("pk").s());
    }

    @Test
    void settle_sendsOneTransactionThatDeletesTheReservationOnlyIfItExists() {
        // GIVEN a $0.30 reservation WHEN it settles at $0.12
        Reservation r = reserve("r1", "0.30", clock.instant().plus(Duration.ofMinutes(5)));
        CAPTURE.clear();
        ledger.settle(
                r,
                new Settlement(
                        new BigDecimal("0.12"),
                        900,
                        40,
                        "{\"request_id\":\"r1\"}",
                        Instant.parse("2026-04-03T10:15:30Z")));
        // THEN one transaction: each counter moves by actual − reserved, unconditionally
        TransactWriteItemsRequest tx = onlyTransaction();
        assertEquals(ReturnConsumedCapacity.TOTAL, tx.returnConsumedCapacity());
        assertEquals(5, tx.transactItems().size());
        for (int i = 0; i < 3; i++) {
            Update update = tx.transactItems().get(i).update();
            // Guards "N calls in flight" growing for ever: the settled call leaves flight in the same transaction.
            assertEquals(
                    "ADD committed :delta, actual :actual, requests :one, prompt_tokens :p, completion_tokens :c,"
                            + " inflight :gone",
                    update.updateExpression());
            assertEquals("-1", update.expressionAttributeValues().get(":gone").n());
            assertNull(update.conditionExpression());
            assertEquals(
                    "-0.18", update.expressionAttributeValues().get(":delta").n());
            assertEquals(
                    "0.12", update.expressionAttributeValues().get(":actual").n());
        }
        TransactWriteItem delete = tx.transactItems().get(3);
        assertEquals("RESV#r1", delete.delete().key().get("pk").s());
        // Guards double settlement: a retried settle finds the reservation gone and cancels as a whole.
        assertEquals("attribute_exists(pk)", delete.delete().conditionExpression());
        Put log = tx.transactItems().get(4).put();
        assertEquals("LOG#r1", log.item().get("pk").s());
        assertEquals("{\"request_id\":\"r1\"}", log.item().get("record").s());
        assertEquals(
                String.valueOf(Instant.parse("2026-04-03T10:15:30Z").getEpochSecond()),
                log.item().get("ttl").n());
        // Guards double counting after the sweeper released the reservation: the late settlement's
        // cost is charged once, because the log item can be written only once.
        assertEquals("attribute_not_exists(pk)", log.conditionExpression());
    }

    @Test
    void releaseExpired_deletesOnlyAReservationThatStillExistsAndHasExpired() {
        // GIVEN a reservation that expired a minute ago
        reserve("lost", "0.30", clock.instant().plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(2));
        CAPTURE.clear();
        // WHEN the sweeper runs
        assertEquals(1, ledger.releaseExpired(clock.instant(), 10));
        // THEN it queried the sparse index and released with a guarded delete
        QueryRequest query = assertInstanceOf(QueryRequest.class, SENT.get(0));
        assertEquals("gsi1", query.indexName());
        assertEquals("gsi1pk = :shard AND gsi1sk <= :now", query.keyConditionExpression());
        TransactWriteItemsRequest tx = SENT.stream()
                .filter(TransactWriteItemsRequest.class::isInstance)
                .map(TransactWriteItemsRequest.class::cast)
                .findFirst()
                .orElseThrow();
        // Guards a dead call counting as in flight for ever: the release takes it out of flight too.
        assertEquals(
                "ADD committed :release, inflight :gone",
                tx.transactItems().get(0).update().updateExpression());
        assertEquals(
                "-1",
                tx.transactItems()
                        .get(0)
                        .update()
                        .expressionAttributeValues()
                        .get(":gone")
                        .n());
        assertEquals(
                0,
                new BigDecimal("-0.30")
                        .compareTo(new BigDecimal(tx.transactItems()
                                .get(0)
                                .update()
                                .expressionAttributeValues()
                                .get(":release")
                                .n())));
        // Guards the sweeper racing a settlement: whichever deletes the reservation first wins, the other no-ops.
        assertEquals(
                "attribute_exists(pk) AND expires_at <= :now",
                tx.transactItems().get(3).delete().conditionExpression());
    }

    @Test
    void reserve_whenCallsInFlightHoldTheRoom_refusalCarriesSpendHeldAndInFlightFromOneRequest() {
        // GIVEN two $2.00 calls in flight on the $5 key budget, one of which settled at $0.50
        Reservation first = reserve("r1", "2.00", clock.instant().plus(Duration.ofMinutes(5)));
        reserve("r2", "2.00", clock.instant().plus(Duration.ofMinutes(5)));
        ledger.settle(first, Settlement.withoutLog(new BigDecimal("0.50"), 10, 10));
        CAPTURE.clear();
        // WHEN a third $3.00 call tries to reserve
        ReserveResult result = ledger.reserve(
                "r3",
                List.of(key, team, tag),
                new BigDecimal("3.00"),
                clock.instant().plus(Duration.ofMinutes(5)));
        // THEN one request, and its ALL_OLD tells spent ($0.50), held ($2.00) and the one call in flight
        assertEquals(1, SENT.size());
        Shortfall s = assertInstanceOf(ReserveResult.Insufficient.class, result).tightest();
        assertEquals(0, new BigDecimal("2.50").compareTo(s.committed()));
        assertEquals(0, new BigDecimal("0.50").compareTo(s.actual()));
        assertEquals(0, new BigDecimal("2.00").compareTo(s.reserved()));
        assertEquals(1, s.inFlight());
    }

    @Test
    void reserve_whenAmountExceedsALimitOnItsOwn_sendsNothing() {
        // WHEN a $6 call meets a $5 key budget THEN it is refused with no request at all
        assertInstanceOf(
                ReserveResult.Insufficient.class,
                ledger.reserve(
                        "big",
                        List.of(key, team, tag),
                        new BigDecimal("6"),
                        clock.instant().plus(Duration.ofMinutes(5))));
        assertEquals(List.of(), SENT);
        assertEquals(0, ledger.metrics().requests());
    }

    @Test
    void reserveAndSettle_forKeyTeamAndTag_costTwoRequests() {
        // WHEN a call of a key in a team with one tag reserves and settles
        Reservation r = reserve("r1", "0.30", clock.instant().plus(Duration.ofMinutes(5)));
        double reserveUnits = ledger.metrics().lastWriteUnits();
        ledger.settle(
                r,
                new Settlement(
                        new BigDecimal("0.12"),
                        900,
                        40,
                        "{\"request_id\":\"r1\",\"model\":\"gpt-4o-mini\",\"spend\":0.12}",
                        clock.instant().plus(Duration.ofDays(30))));
        // THEN the call cost exactly two DynamoDB requests, both transactions
        assertEquals(2, SENT.size());
        assertTrue(SENT.stream().allMatch(TransactWriteItemsRequest.class::isInstance));
        assertEquals(2, ledger.metrics().requests());
        // DynamoDB Local reports capacity, but not AWS's figure (it does not charge 2 WCU per item of a
        // transaction); docs/budgets.md derives the AWS figure from the item count.
        assertEquals(2, ledger.metrics().capacityReports());
        assertTrue(ledger.metrics().writeUnits() > 0);
        System.out.printf(
                "budget ledger, key+team+tag: requests=%d, capacity reports=%d, WCU reserve=%.1f settle=%.1f"
                        + " total=%.1f%n",
                ledger.metrics().requests(),
                ledger.metrics().capacityReports(),
                reserveUnits,
                ledger.metrics().lastWriteUnits(),
                ledger.metrics().writeUnits());
    }

    private Reservation reserve(String id, String amount, Instant expires) {
        ReserveResult result = ledger.reserve(id, List.of(key, team, tag), new BigDecimal(amount), expires);
        return assertInstanceOf(ReserveResult.Reserved.class, result).reservation();
    }

    private TransactWriteItemsRequest onlyTransaction() {
        assertEquals(1, SENT.size(), () -> "requests: " + SENT);
        return assertInstanceOf(TransactWriteItemsRequest.class, SENT.get(0));
    }
}
