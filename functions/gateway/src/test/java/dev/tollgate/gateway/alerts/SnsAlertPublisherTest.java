package dev.tollgate.gateway.alerts;

import static dev.tollgate.gateway.alerts.AlertFixtures.NOW;
import static dev.tollgate.gateway.alerts.AlertFixtures.SUBJECT;
import static dev.tollgate.gateway.alerts.AlertFixtures.UTC;
import static dev.tollgate.gateway.alerts.AlertFixtures.teamMarch;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** The real SDK SnsClient against a loopback fake of the SNS Query API. */
class SnsAlertPublisherTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static FakeSns fake;
    private static SnsClient client;

    @BeforeAll
    static void start() {
        fake = new FakeSns();
        client = fake.client();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void publish_sendsSubjectReadableBodyJsonPayloadAndFilterAttributes() throws Exception {
        AlertEvent event = eightyPercent();

        new SnsAlertPublisher(client, FakeSns.TOPIC).publish(event);

        FakeSns.Publish p = fake.published().get(0);
        assertEquals(FakeSns.TOPIC, p.topicArn());
        assertEquals("Tollgate: team 'ml' at 80% of its 1mo budget", p.subject());
        assertEquals("json", p.messageStructure());
        JsonNode envelope = JSON.readTree(p.message());
        String readable = envelope.path("default").asText();
        assertTrue(
                readable.startsWith("Team 'ml' has spent $80.00 of its $100.00 budget in the current 1mo window (80%),"
                        + " crossing the 80% alert threshold.\nThe window resets at 2026-04-01T00:00:00Z.\n"),
                readable);
        assertTrue(
                readable.contains("\nScope: team ml\nTeam: ml\nUser: -\nWindow: 1mo#2026-03-01T00:00:00Z\n"), readable);
        assertEquals(readable, envelope.path("email").asText());
        String json = readable.substring(readable.indexOf("\n-- JSON --\n") + 12);
        assertEquals(
                JSON.readTree(json),
                JSON.readTree(envelope.path("sqs").asText()),
                "machines get the same payload, bare");
        for (String protocol : SnsAlertPublisher.MACHINE_PROTOCOLS) {
            assertEquals(json, envelope.path(protocol).asText(), protocol);
        }
        JsonNode payload = JSON.readTree(json);
        assertEquals("threshold_crossed", payload.path("alert_type").asText());
        assertEquals("team", payload.path("scope").asText());
        assertEquals("ml", payload.path("id").asText());
        assertEquals("ml", payload.path("team_id").asText());
        assertTrue(payload.path("user_id").isNull());
        assertEquals("1mo", payload.path("window").asText());
        assertEquals("2026-03-01T00:00:00Z", payload.path("window_start").asText());
        assertEquals(0, new BigDecimal("80").compareTo(payload.path("spend").decimalValue()));
        assertEquals(0, new BigDecimal("100").compareTo(payload.path("limit").decimalValue()));
        assertEquals(0, new BigDecimal("80").compareTo(payload.path("percent").decimalValue()));
        assertFalse(json.contains("E+"), "money is written as plain decimals: " + json);
        assertEquals(80, payload.path("threshold_percent").asInt());
        assertEquals("2026-04-01T00:00:00Z", payload.path("reset_time").asText());
        assertEquals("2026-03-20T10:00:00.000Z", payload.path("occurred_at").asText());
        assertEquals(event.alertId(), payload.path("alert_id").asText());
        assertEquals(
                Map.of("alert_type", "threshold_crossed", "scope", "team", "scope_id", "ml", "team_id", "ml"),
                p.attributes());
        assertEquals(
                Map.of("alert_type", "String", "scope", "String", "scope_id", "String", "team_id", "String"),
                p.attributeTypes());
    }

    @Test
    void publish_keyAlert_carriesTeamAndUserAttributes() {
        BudgetLimit key = new BudgetLimit(Scope.KEY, "k1", BudgetWindow.DAY, new BigDecimal("2"));
        AlertEvent event = AlertRules.due(
                        List.of(AlertFixtures.counter(key, "2", NOW.plus(Duration.ofHours(14)))),
                        SUBJECT,
                        List.of(100),
                        UTC,
                        NOW)
                .get(0);

        new SnsAlertPublisher(client, FakeSns.TOPIC).publish(event);

        FakeSns.Publish p = fake.published().get(0);
        assertEquals("Tollgate: key 'prod-bot' reached its 1d hard budget", p.subject());
        assertEquals(
                Map.of(
                        "alert_type",
                        "hard_budget_reached",
                        "scope",
                        "key",
                        "scope_id",
                        "k1",
                        "team_id",
                        "ml",
                        "user_id",
                        "alice"),
                p.attributes());
    }

    @Test
    void subject_ofAVeryLongName_isCutBelowHundredCharacters() {
        BudgetLimit tag = new BudgetLimit(Scope.TAG, "x".repeat(200), BudgetWindow.MONTH, new BigDecimal("1"));
        AlertEvent event = AlertRules.due(
                        List.of(AlertFixtures.counter(tag, "1", AlertFixtures.APRIL)), SUBJECT, List.of(100), UTC, NOW)
                .get(0);

        new SnsAlertPublisher(client, FakeSns.TOPIC).publish(event);

        String subject = fake.published().get(0).subject();
        assertEquals(99, subject.length());
        assertTrue(subject.endsWith("..."));
        assertFalse(fake.published().get(0).attributes().containsKey("team_id"), "a tag belongs to no team");
    }

    @Test
    void publish_whenSnsAnswers500_throwsForTheRetrier() {
        fake.failNext(1, 500, "InternalError");

        assertThrowsSdk(() -> new SnsAlertPublisher(client, FakeSns.TOPIC).publish(eightyPercent()));
        assertEquals(1, fake.requests().size(), "the SDK's own retries are off: ours apply");
    }

    @Test
    void retrying_firstTwoAttemptsFail_isDeliveredOnTheThird() {
        fake.failNext(2, 500, "InternalError");
        AlertPublisher publisher =
                new RetryingAlertPublisher(new SnsAlertPublisher(client, FakeSns.TOPIC), 3, Duration.ofMillis(1));

        publisher.publish(eightyPercent());

        assertEquals(3, fake.requests().size());
        assertEquals(1, fake.published().size());
    }

    @Test
    void retrying_throttledOnEveryAttempt_givesUpAfterThreeWithoutThrowing() {
        fake.failNext(10, 400, "Throttling");
        AlertPublisher publisher =
                new RetryingAlertPublisher(new SnsAlertPublisher(client, FakeSns.TOPIC), 3, Duration.ofMillis(1));

        assertDoesNotThrow(() -> publisher.publish(eightyPercent()));
        assertEquals(3, fake.requests().size());
        assertTrue(fake.published().isEmpty());
    }

    private static AlertEvent eightyPercent() {
        return AlertRules.due(List.of(teamMarch("80")), SUBJECT, List.of(80), UTC, NOW)
                .get(0);
    }

    private static void assertThrowsSdk(Runnable r) {
        try {
            r.run();
        } catch (SdkException expected) {
            return;
        }
        throw new AssertionError("expected an SdkException");
    }
}
