package dev.tollgate.analytics.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.gateway.alerts.AlertEvent;
import dev.tollgate.gateway.alerts.AlertType;
import dev.tollgate.gateway.alerts.FakeSns;
import dev.tollgate.gateway.alerts.SnsAlertPublisher;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A budget's {@code alert_email} gets its own scope's alerts and no other's, for every entity type: the
 * real SDK subscribes through {@link SnsAlertSubscriptions} and the gateway's {@link SnsAlertPublisher}
 * publishes real alerts (with the attributes they really carry) to a loopback SNS fake that applies the
 * subscriptions' filter policies.
 */
class AlertEmailSubscriptionsTest {
    private static final String KEY_ID = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static FakeSns fake;
    private static SnsClient sns;

    @BeforeAll
    static void start() {
        fake = new FakeSns();
        sns = fake.client();
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void eachBudgetsEmail_receivesTheAlertsOfItsScopeOnly() {
        // GIVEN one budget with an alert_email per entity type (a key budget names the key by its id)
        SnsAlertSubscriptions subscriptions = new SnsAlertSubscriptions(sns, FakeSns.TOPIC);
        subscriptions.subscribe("team@example.com", "team", "ml");
        subscriptions.subscribe("user@example.com", "user", "ann");
        subscriptions.subscribe("key@example.com", "key", KEY_ID);
        subscriptions.subscribe("customer@example.com", "customer", "acme");
        subscriptions.subscribe("tag@example.com", "tag", "prod");
        subscriptions.subscribe("global@example.com", "global", "global");

        // WHEN alerts of every scope fire, and of neighbours that share attributes with them: a key of
        // team ml owned by ann, another team, a team member of ml, another tag
        SnsAlertPublisher publisher = new SnsAlertPublisher(sns, FakeSns.TOPIC);
        List<AlertEvent> events = List.of(
                alert(Scope.TEAM, "ml", "ml", null),
                alert(Scope.USER, "ann", null, "ann"),
                alert(Scope.KEY, KEY_ID, "ml", "ann"),
                alert(Scope.END_USER, "acme", null, null),
                alert(Scope.TAG, "prod", null, null),
                alert(Scope.GLOBAL, "global", null, null),
                alert(Scope.TEAM, "search", "search", null),
                alert(Scope.TEAM_MEMBER, "ml/ann", "ml", "ann"),
                alert(Scope.TAG, "dev", null, null));
        events.forEach(publisher::publish);

        // THEN each address gets exactly its budget's alert
        assertEquals(List.of("team:ml"), delivered("team@example.com"));
        assertEquals(List.of("user:ann"), delivered("user@example.com"));
        assertEquals(List.of("key:" + KEY_ID), delivered("key@example.com"));
        assertEquals(List.of("end_user:acme"), delivered("customer@example.com"));
        assertEquals(List.of("tag:prod"), delivered("tag@example.com"));
        assertEquals(List.of("global:global"), delivered("global@example.com"));
        assertEquals(6, fake.subscriptions().size());
        fake.subscriptions().forEach(s -> assertEquals("email", s.protocol()));
    }

    @Test
    void filterPolicy_isExactStringsOnScopeAndScopeId_escaped() {
        assertEquals(
                "{\"scope\":[\"end_user\"],\"scope_id\":[\"a\\\"b\"]}",
                SnsAlertSubscriptions.filterPolicy("customer", "a\"b"));
    }

    private static List<String> delivered(String email) {
        return fake.deliveredTo(email).stream()
                .map(p -> p.attributes().get("scope") + ":" + p.attributes().get("scope_id"))
                .toList();
    }

    private static AlertEvent alert(Scope scope, String id, String teamId, String userId) {
        Instant now = Instant.parse("2026-11-20T10:00:00Z");
        return new AlertEvent(
                AlertType.THRESHOLD_CROSSED,
                scope,
                id,
                null,
                teamId,
                userId,
                BudgetWindow.MONTH,
                "1mo#2026-11-01T00:00:00Z",
                new BigDecimal("80"),
                new BigDecimal("100"),
                80,
                Instant.parse("2026-12-01T00:00:00Z"),
                now,
                null);
    }
}
