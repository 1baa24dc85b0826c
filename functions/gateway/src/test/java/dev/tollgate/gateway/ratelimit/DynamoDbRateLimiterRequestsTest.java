package dev.tollgate.gateway.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.testing.CapturingInterceptor;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The exact DynamoDB requests of acquire, release, sweep and headers, captured on the way out, so a
 * change to a condition expression is a deliberate change to this test. Also: no request at all for a
 * call with no limits, and one request per acquire and per release.
 */
class DynamoDbRateLimiterRequestsTest {
    private static final CapturingInterceptor<SdkRequest> CAPTURE = CapturingInterceptor.all();
    private static final List<SdkRequest> SENT = CAPTURE.requests();
    private static final Instant NOW = Instant.parse("2026-03-04T10:15:30Z");
    /** 10:16:00 (the minute's end) + 5 minutes. */
    private static final String MINUTE_TTL =
            String.valueOf(Instant.parse("2026-03-04T10:21:00Z").getEpochSecond());

    private static final long SLOT_EXPIRY = NOW.plus(Duration.ofMinutes(16)).getEpochSecond();
    private static DynamoDbClient dynamo;

    private final MutableClock clock = new MutableClock(NOW);
    private final RateLimit key = new RateLimit(RateScope.KEY, "k1", "app", null, 10L, 1000L, null);
    private DynamoDbRateLimiter limiter;

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
        limiter = new DynamoDbRateLimiter(
                dynamo, DynamoDbLocal.createTable(dynamo, "rate"), clock, Duration.ofMinutes(16));
        CAPTURE.clear();
    }

    @Test
    void acquire_withNoLimits_sendsNoRequestAtAll() {
        // Guards the hot path: most keys have no rate limits and must not pay a DynamoDB round trip.
        RateLease lease = limiter.acquire("r1", RateLimits.NONE, 500, NOW);
        limiter.release(lease, 20);
        assertEquals(Map.of(), limiter.headers(lease));
        assertEquals(List.of(), SENT);
    }

    @Test
    void acquire_withOneCounter_sendsOneConditionalUpdateThatReturnsTheNewCounts() {
        // WHEN a 400-token call meets a key with 10 rpm and 1,000 tpm
        RateLease lease = limiter.acquire("r1", RateLimits.of(key), 400, NOW);
        // THEN one UpdateItem on the key's minute counter
        UpdateItemRequest update = assertInstanceOf(UpdateItemRequest.class, SENT.get(0));
        assertEquals(1, SENT.size());
        assertEquals("RATE#KEY#k1", update.key().get("pk").s());
        assertEquals("2026-03-04T10:15", update.key().get("sk").s());
        assertEquals("ADD requests :one, tokens :tokens SET #ttl = :ttl", update.updateExpression());
        // Guards overrun under concurrency: check and count are one atomic step, and
        // :maxTokens = tpm − charge (1,000 − 400) is computed client-side, so tokens + charge <= tpm always.
        assertEquals(
                "(attribute_not_exists(requests) OR requests < :rpm) AND "
                        + "(attribute_not_exists(tokens) OR tokens <= :maxTokens)",
                update.conditionExpression());
        assertEquals("10", update.expressionAttributeValues().get(":rpm").n());
        assertEquals("600", update.expressionAttributeValues().get(":maxTokens").n());
        assertEquals("400", update.expressionAttributeValues().get(":tokens").n());
        assertEquals(MINUTE_TTL, update.expressionAttributeValues().get(":ttl").n());
        assertEquals(Map.of("#ttl", "ttl"), update.expressionAttributeNames());
        // The new counts give the headers with no read; the old item gives the refusal's numbers with no read.
        assertEquals(ReturnValue.UPDATED_NEW, update.returnValues());
        assertEquals(ReturnValuesOnConditionCheckFailure.ALL_OLD, update.returnValuesOnConditionCheckFailure());
        assertEquals(
                Map.of(
                        "x-ratelimit-limit-requests",
                        "10",
                        "x-ratelimit-remaining-requests",
                        "9",
                        "x-ratelimit-limit-tokens",
                        "1000",
                        "x-ratelimit-remaining-tokens",
                        "600"),
                limiter.headers(lease));
        assertEquals(1, SENT.size());
    }

    @Test
    void acquire_withSeveralItems_sendsOneTransactionOfConditionalUpdates() {
        // GIVEN key rpm + 2 parallel, a gpt-4o tpm, and a team rpm
        RateLimits limits = RateLimits.of(
                new RateLimit(RateScope.KEY, "k1", "app", null, 10L, null, 2L),
                new RateLimit(RateScope.KEY, "k1", "app", "gpt-4o", null, 5000L, null),
                new RateLimit(RateScope.TEAM, "ml", "ml", null, 100L, null, null));
        // WHEN a call acquires
        RateLease lease = limiter.acquire("r1", limits, 300, NOW);
        // THEN all four items move in one transaction (all or none)
        TransactWriteItemsRequest tx = assertInstanceOf(TransactWriteItemsRequest.class, SENT.get(0));
        assertEquals(1, SENT.size());
        assertEquals(4, tx.transactItems().size());
        Update keyMinute = tx.transactItems().get(0).update();
        assertEquals("RATE#KEY#k1", keyMinute.key().get("pk").s());
        assertEquals("attribute_not_exists(requests) OR requests < :rpm", keyMinute.conditionExpression());
        Update slot = tx.transactItems().get(1).update();
        assertEquals("RATE#KEY#k1", slot.key().get("pk").s());
        assertEquals("inflight", slot.key().get("sk").s());
        assertEquals("ADD leases :slot SET #ttl = :ttl", slot.updateExpression());
        // Guards max parallel: a slot is added only while fewer than :max are held.
        assertEquals("attribute_not_exists(leases) OR size(leases) < :max", slot.conditionExpression());
        assertEquals(
                List.of(SLOT_EXPIRY + "#r1"),
                slot.expressionAttributeValues().get(":slot").ss());
        assertEquals("2", slot.expressionAttributeValues().get(":max").n());
        assertEquals(
                String.valueOf(SLOT_EXPIRY + 3600),
                slot.expressionAttributeValues().get(":ttl").n());
        Update model = tx.transactItems().get(2).update();
        assertEquals("RATE#KEY#k1#gpt-4o", model.key().get("pk").s());
        assertEquals("attribute_not_exists(tokens) OR tokens <= :maxTokens", model.conditionExpression());
        assertEquals("4700", model.expressionAttributeValues().get(":maxTokens").n());
        assertEquals(
                "RATE#TEAM#ml",
                tx.transactItems().get(3).update().key().get("pk").s());
        tx.transactItems()
                .forEach(i -> assertEquals(
                        ReturnValuesOnConditionCheckFailure.ALL_OLD, i.update().returnValuesOnConditionCheckFailure()));
        // AND headers need one consistent read of the minute counters (a transaction returns no values)
        CAPTURE.clear();
        assertEquals("9", limiter.headers(lease).get("x-ratelimit-remaining-requests"));
        BatchGetItemRequest read = assertInstanceOf(BatchGetItemRequest.class, SENT.get(0));
        assertEquals(1, SENT.size());
        assertTrue(read.requestItems().values().iterator().next().consistentRead());
        assertEquals(3, read.requestItems().values().iterator().next().keys().size());
    }

    @Test
    void release_sendsOneTransactionCorrectingTokensAndFreeingTheSlot() {
        // GIVEN a call holding a slot and 300 estimated tokens
        RateLimits limits = RateLimits.of(new RateLimit(RateScope.KEY, "k1", "app", null, null, 1000L, 2L));
        RateLease lease = limiter.acquire("r1", limits, 300, NOW);
        CAPTURE.clear();
        // WHEN it ends at 120 actual tokens
        clock.advance(Duration.ofSeconds(10));
        limiter.release(lease, 120);
        // THEN one transaction: tokens move by actual − estimate, and the slot leaves the set, unconditionally
        TransactWriteItemsRequest tx = assertInstanceOf(TransactWriteItemsRequest.class, SENT.get(0));
        assertEquals(1, SENT.size());
        Update correct = tx.transactItems().get(0).update();
        assertEquals("ADD tokens :delta SET #ttl = :ttl", correct.updateExpression());
        assertNull(correct.conditionExpression());
        assertEquals("-180", correct.expressionAttributeValues().get(":delta").n());
        assertEquals(MINUTE_TTL, correct.expressionAttributeValues().get(":ttl").n());
        Update free = tx.transactItems().get(1).update();
        // Guards a retried or late release: removing an element that is gone is a no-op, never a negative count.
        assertEquals("DELETE leases :slot SET #ttl = :ttl", free.updateExpression());
        assertNull(free.conditionExpression());
        assertEquals(
                List.of(SLOT_EXPIRY + "#r1"),
                free.expressionAttributeValues().get(":slot").ss());
    }

    @Test
    void release_whenEstimateWasExactAndNoSlot_sendsNothing() {
        RateLease lease = limiter.acquire("r1", RateLimits.of(key), 300, NOW);
        CAPTURE.clear();
        limiter.release(lease, 300);
        assertEquals(List.of(), SENT);
    }

    @Test
    void acquire_whenOnlyExpiredSlotsFillTheSet_sweepsThemAndRetriesOnce() {
        // GIVEN a call that died holding the only slot, past its lease
        RateLimits limits = RateLimits.of(new RateLimit(RateScope.TEAM, "ml", "ml", null, null, null, 1L));
        limiter.acquire("dead", limits, 0, NOW);
        clock.advance(Duration.ofMinutes(16));
        CAPTURE.clear();
        // WHEN the next call acquires
        limiter.acquire("alive", limits, 0, clock.instant());
        // THEN: refused update, sweep of the expired slot, the update again
        assertEquals(3, SENT.size());
        UpdateItemRequest sweep = assertInstanceOf(UpdateItemRequest.class, SENT.get(1));
        assertEquals("DELETE leases :expired", sweep.updateExpression());
        assertNull(sweep.conditionExpression());
        assertEquals(
                List.of(SLOT_EXPIRY + "#dead"),
                sweep.expressionAttributeValues().get(":expired").ss());
        assertEquals(SENT.get(0), SENT.get(2));
    }

    @Test
    void acquire_whenFull_refusesAfterOneRequestWithTheCountsFromTheOldItem() {
        RateLimits limits = RateLimits.of(new RateLimit(RateScope.KEY, "k1", "app", null, 1L, null, null));
        limiter.acquire("r1", limits, 0, NOW);
        CAPTURE.clear();
        GatewayException e = assertThrows(GatewayException.class, () -> limiter.acquire("r2", limits, 0, NOW));
        assertTrue(e.getMessage().contains("1 used this minute"), e.getMessage());
        assertEquals(1, SENT.size());
    }
}
