package dev.tollgate.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.failover.AlertPublisherFailoverAlerts;
import dev.tollgate.analytics.failover.FailoverAlerts;
import dev.tollgate.analytics.failover.FailoverRule;
import dev.tollgate.analytics.failover.FailoverTrigger;
import dev.tollgate.analytics.sla.AlertPublisherSlaAlerts;
import dev.tollgate.analytics.sla.SlaStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The control plane's SLA and failover alerts go out as the gateway's budget alerts do: through
 * {@link RetryingAlertPublisher} and {@link SnsAlertPublisher} to the loopback SNS fake, with
 * {@code MessageStructure=json}, the common attributes ({@code alert_type}, {@code scope}, {@code scope_id})
 * that subscriptions filter on, a subject under 100 characters, and a retry after a transient failure.
 */
class SlaAndFailoverSnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-20T10:00:00Z");

    private final FakeSns fake = new FakeSns();
    private final SnsClient sns = fake.client();
    private final AlertPublisher publisher =
            new RetryingAlertPublisher(new SnsAlertPublisher(sns, FakeSns.TOPIC), 3, Duration.ofMillis(1));

    @AfterEach
    void close() {
        fake.close();
    }

    private static SlaStore.Violation violation(String definitionName) {
        return new SlaStore.Violation(
                "v1", "d1", definitionName, "error_rate", "openai", "gpt-4o-mini", 0.2, 0.05, T0, T0, null, null, null);
    }

    @Test
    void slaViolation_isRetriedAfterATransientFailure_andCarriesTheStructureAndAttributes() throws Exception {
        sns.subscribe(b -> b.topicArn(FakeSns.TOPIC)
                .protocol("email")
                .endpoint("oncall@example.com")
                .attributes(Map.of("FilterPolicy", "{\"scope\":[\"sla\"],\"scope_id\":[\"gpt-4o-mini\"]}")));
        fake.failNext(1, 500, "InternalError");

        new AlertPublisherSlaAlerts(publisher).send("sla_violation", violation("x".repeat(120)));

        List<Map<String, String>> publishes = fake.requests().stream()
                .filter(r -> "Publish".equals(r.get("Action")))
                .toList();
        assertEquals(2, publishes.size(), "the first attempt failed, the second was delivered");
        FakeSns.Publish p = fake.published().get(0);
        assertEquals("json", p.messageStructure());
        assertEquals(
                Map.of(
                        "alert_type",
                        "sla_violation",
                        "scope",
                        "sla",
                        "scope_id",
                        "gpt-4o-mini",
                        "provider",
                        "openai",
                        "model",
                        "gpt-4o-mini"),
                p.attributes());
        assertTrue(
                p.attributeTypes().values().stream().allMatch("String"::equals),
                p.attributeTypes().toString());
        assertEquals(99, p.subject().length(), p.subject());
        assertTrue(p.subject().startsWith("SLA violated: xxx") && p.subject().endsWith("..."), p.subject());
        JsonNode envelope = JSON.readTree(p.message());
        String readable = envelope.path("default").asText();
        assertTrue(readable.startsWith("SLA '" + "x".repeat(120) + "' is violated on openai/gpt-4o-mini"), readable);
        assertEquals(readable, envelope.path("email").asText());
        String json = readable.substring(readable.indexOf("\n-- JSON --\n") + 12);
        for (String protocol : SnsAlertPublisher.MACHINE_PROTOCOLS) {
            assertEquals(json, envelope.path(protocol).asText(), protocol);
        }
        assertEquals("sla_violation", JSON.readTree(json).path("alert_type").asText());
        assertEquals(
                1, fake.deliveredTo("oncall@example.com").size(), "an e-mail subscription's filter policy matches");
    }

    @Test
    void slaViolationWithoutAModel_stillCarriesAScopeId_soScopeFilterPoliciesMatchIt() {
        sns.subscribe(b -> b.topicArn(FakeSns.TOPIC)
                .protocol("email")
                .endpoint("sla@example.com")
                .attributes(Map.of("FilterPolicy", "{\"scope\":[\"sla\"],\"scope_id\":[\"*\"]}")));
        SlaStore.Violation modelless = new SlaStore.Violation(
                "v2", "d1", "errors", "error_rate", "openai", null, 0.2, 0.05, T0, T0, null, null, null);

        new AlertPublisherSlaAlerts(publisher).send("sla_violation", modelless);

        FakeSns.Publish p = fake.published().get(0);
        assertEquals(
                Map.of("alert_type", "sla_violation", "scope", "sla", "scope_id", "*", "provider", "openai"),
                p.attributes());
        assertEquals(1, fake.deliveredTo("sla@example.com").size(), "the filter policy on scope_id matches");
    }

    @Test
    void failover_isRetriedAfterThrottling_andCarriesTheStructureAndAttributes() throws Exception {
        fake.failNext(2, 400, "Throttling");
        FailoverRule rule = new FailoverRule(
                "r1",
                "gpt-4o",
                "gpt-4o-mini",
                FailoverTrigger.values()[0],
                0.2,
                15,
                T0,
                T0,
                T0,
                T0.plus(Duration.ofMinutes(15)),
                null);

        new AlertPublisherFailoverAlerts(publisher).send(FailoverAlerts.ACTIVATED, rule, "error_rate 0.5 above 0.2");

        assertEquals(3, fake.requests().size(), "two throttled attempts, then delivered");
        FakeSns.Publish p = fake.published().get(0);
        assertEquals("json", p.messageStructure());
        assertEquals(
                Map.of(
                        "alert_type",
                        "failover_activated",
                        "scope",
                        "sla",
                        "scope_id",
                        "gpt-4o",
                        "model",
                        "gpt-4o",
                        "fallback_model",
                        "gpt-4o-mini"),
                p.attributes());
        assertEquals("Failover on: gpt-4o → gpt-4o-mini", p.subject());
        JsonNode envelope = JSON.readTree(p.message());
        assertTrue(
                envelope.path("email").asText().startsWith("Calls for gpt-4o now go to gpt-4o-mini until"),
                envelope.toString());
        assertEquals(
                "r1",
                JSON.readTree(envelope.path("sqs").asText())
                        .path("rule")
                        .path("id")
                        .asText());
    }
}
