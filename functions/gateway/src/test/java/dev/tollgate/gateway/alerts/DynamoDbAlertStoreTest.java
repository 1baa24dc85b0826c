package dev.tollgate.gateway.alerts;

import static dev.tollgate.gateway.alerts.AlertFixtures.APRIL;
import static dev.tollgate.gateway.alerts.AlertFixtures.CLOCK;
import static dev.tollgate.gateway.alerts.AlertFixtures.NOW;
import static dev.tollgate.gateway.alerts.AlertFixtures.SUBJECT;
import static dev.tollgate.gateway.alerts.AlertFixtures.TEAM_MONTH;
import static dev.tollgate.gateway.alerts.AlertFixtures.UTC;
import static dev.tollgate.gateway.alerts.AlertFixtures.counter;
import static dev.tollgate.gateway.alerts.AlertFixtures.teamMarch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.config.AlertSettings;
import dev.tollgate.gateway.testing.CapturingInterceptor;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The marker and the listing on DynamoDB Local (a fresh table per test, TTL off: DynamoDB Local deletes
 * expired items by the wall clock), with SNS on the loopback fake.
 */
class DynamoDbAlertStoreTest {
    private static final Duration HISTORY = Duration.ofDays(90);
    private static final CapturingInterceptor<PutItemRequest> CAPTURE = CapturingInterceptor.of(PutItemRequest.class);
    private static final List<PutItemRequest> PUTS = CAPTURE.requests();
    private static DynamoDbClient dynamo;
    private static FakeSns fake;
    private static SnsClient sns;
    private String table;
    private DynamoDbAlertStore store;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.client(CAPTURE);
        fake = new FakeSns();
        sns = fake.client();
    }

    @AfterAll
    static void stop() {
        fake.close();
        dynamo.close();
    }

    @BeforeEach
    void freshTable() {
        table = DynamoDbLocal.createTable(dynamo, "alerts");
        store = new DynamoDbAlertStore(dynamo, table, HISTORY);
        CAPTURE.clear();
        fake.reset();
    }

    @Test
    void claim_isConditionalOnTheMarkerNotExisting_withTtlAWeekAfterTheWindow() {
        AlertEvent event = eighty();

        assertTrue(store.claim(event));
        assertFalse(store.claim(event));

        // Guards double alerts: without the condition every concurrent crossing would publish.
        PutItemRequest put = PUTS.get(0);
        assertEquals("attribute_not_exists(pk)", put.conditionExpression());
        assertEquals("ALERT#TEAM#ml", put.item().get("pk").s());
        assertEquals(
                "1mo#2026-03-01T00:00:00Z#THRESHOLD_CROSSED#80#100",
                put.item().get("sk").s());
        assertEquals(
                String.valueOf(APRIL.plus(Duration.ofDays(7)).getEpochSecond()),
                put.item().get("ttl").n());
    }

    @Test
    void claim_lifetimeMarker_neverExpires() {
        BudgetLimit lifetime = new BudgetLimit(Scope.KEY, "k1", BudgetWindow.LIFETIME, new BigDecimal("5"));
        AlertEvent event = AlertRules.due(List.of(counter(lifetime, "5", null)), SUBJECT, List.of(100), UTC, NOW)
                .get(0);

        assertTrue(store.claim(event));

        assertFalse(PUTS.get(0).item().containsKey("ttl"), "a lifetime budget's alert must never fire twice");
    }

    @Test
    void thirtyTwoConcurrentCallsCrossingTheSameThreshold_publishExactlyOneSnsAlert() throws Exception {
        // 32 instances (each with its own memory, like 32 Lambda instances) settle calls past 80% at once.
        int calls = 32;
        AlertPublisher publisher =
                new RetryingAlertPublisher(new SnsAlertPublisher(sns, FakeSns.TOPIC), 3, Duration.ofMillis(1));
        AlertSettings eightyOnly = new AlertSettings(List.of(80), null, null);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<AlertEvent>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls)) {
            for (int i = 0; i < calls; i++) {
                AlertService instance = new AlertService(store, publisher, eightyOnly, UTC, CLOCK);
                String spend = new BigDecimal("80")
                        .add(new BigDecimal(i).movePointLeft(1))
                        .toPlainString();
                results.add(pool.submit(() -> {
                    go.await();
                    return instance.afterSettle(SUBJECT, List.of(teamMarch(spend)))
                            .join();
                }));
            }
            go.countDown();
            int firing = 0;
            for (Future<List<AlertEvent>> r : results) {
                firing += r.get().size();
            }
            assertEquals(1, firing);
        }

        assertEquals(1, fake.published().size());
        assertEquals(1, store.recent("ml", null, 50).size());
        assertEquals(1, store.recent(null, null, 50).size());
    }

    @Test
    void newWindow_firesAgain() {
        AlertService service = new AlertService(
                store,
                new RetryingAlertPublisher(new SnsAlertPublisher(sns, FakeSns.TOPIC), 3, Duration.ofMillis(1)),
                new AlertSettings(List.of(80), null, null),
                UTC,
                CLOCK);

        service.afterSettle(SUBJECT, List.of(teamMarch("90"))).join();
        service.afterSettle(SUBJECT, List.of(teamMarch("95"))).join();
        service.afterSettle(SUBJECT, List.of(counter(TEAM_MONTH, "81", Instant.parse("2026-05-01T00:00:00Z"))))
                .join();

        assertEquals(2, fake.published().size());
    }

    @Test
    void publishFailingThenRecovering_isRetried_andTheCallerNeverSeesIt() {
        fake.failNext(2, 500, "InternalError");
        AlertService service = new AlertService(
                store,
                new RetryingAlertPublisher(new SnsAlertPublisher(sns, FakeSns.TOPIC), 3, Duration.ofMillis(1)),
                new AlertSettings(List.of(80), null, null),
                UTC,
                CLOCK);

        CompletableFuture<List<AlertEvent>> result = service.afterSettle(SUBJECT, List.of(teamMarch("90")));

        assertEquals(1, result.join().size());
        assertEquals(3, fake.requests().size());
        assertEquals(1, fake.published().size());
    }

    @Test
    void recent_readsOnePartitionPerAudience_newestFirst() {
        store.record(event(Scope.TEAM, "ml", "ml", null, "2026-03-20T10:00:00Z"));
        store.record(event(Scope.KEY, "k1", "ml", "alice", "2026-03-20T11:00:00Z"));
        store.record(event(Scope.KEY, "k2", "ml", "bob", "2026-03-20T12:00:00Z"));
        store.record(event(Scope.USER, "alice", null, "alice", "2026-03-20T13:00:00Z"));
        store.record(event(Scope.GLOBAL, "global", null, null, "2026-03-20T14:00:00Z"));

        assertEquals(List.of("k2", "k1", "ml"), ids(store.recent("ml", null, 50)));
        assertEquals(List.of("alice", "k1"), ids(store.recent(null, "alice", 50)));
        assertEquals(List.of("k1"), ids(store.recent("ml", "alice", 50)));
        assertEquals(List.of("global", "alice", "k2"), ids(store.recent(null, null, 3)));
    }

    @Test
    void record_roundTripsEveryField_withTheHistoryTtl() {
        AlertEvent event = eighty();

        store.record(event);

        assertEquals(event, store.recent("ml", null, 1).get(0));
        Map<String, AttributeValue> item = DynamoDbLocal.scan(dynamo, table).stream()
                .filter(i -> i.get("sk").s().equals("TEAM#ml"))
                .findFirst()
                .orElseThrow();
        assertEquals("ALERTS#TEAM#ml", item.get("gsi1pk").s());
        assertEquals(
                "2026-03-20T10:00:00.000Z#" + event.alertId(),
                item.get("gsi1sk").s());
        assertEquals(
                String.valueOf(NOW.plus(HISTORY).getEpochSecond()),
                item.get("ttl").n());
    }

    private static AlertEvent eighty() {
        return AlertRules.due(List.of(teamMarch("80")), SUBJECT, List.of(80), UTC, NOW)
                .get(0);
    }

    private static AlertEvent event(Scope scope, String id, String teamId, String userId, String at) {
        return new AlertEvent(
                AlertType.THRESHOLD_CROSSED,
                scope,
                id,
                null,
                teamId,
                userId,
                BudgetWindow.MONTH,
                "1mo#2026-03-01T00:00:00Z",
                new BigDecimal("80"),
                new BigDecimal("100"),
                80,
                APRIL,
                Instant.parse(at),
                null);
    }

    private static List<String> ids(List<AlertEvent> events) {
        return events.stream().map(AlertEvent::id).toList();
    }
}
