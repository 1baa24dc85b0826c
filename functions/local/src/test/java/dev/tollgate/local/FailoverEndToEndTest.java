package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.alerts.FakeSns;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's failover story end to end, through the local gateway's components and the real stores (DynamoDB
 * Local, S3Proxy, embedded PostgreSQL), alerts on a loopback SNS: the mock provider fails a model's first six
 * calls → the collector opens one violation and activates the failover rule (one alert each) → calls go to the
 * fallback (header, log line, cost, reservation), every 4th still probes the recovered primary → the violation
 * resolves and the failover ends (one alert each) → traffic returns. Time moves only when the test moves the
 * injected clock.
 */
class FailoverEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASTER = "sk-failover-e2e-master";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** From noon tomorrow, held at the test's start: each phase's calls land in one five-minute bucket. */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    private static FakeSns sns;
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        sns = new FakeSns();
        gateway = LocalGateway.start(
                LocalOptions.inMemory("""
                        models:
                          - name: primary-model
                            provider: mock
                            base_model: gpt-4o-mini
                            max_retries: 0
                            mock: {fail_status: 500, fail_times: 6}
                          - name: fallback-model
                            provider: mock
                            base_model: gpt-4o
                        """, MASTER),
                CLOCK,
                Map.of(
                        "tollgate.alerts.topic-arn",
                        FakeSns.TOPIC,
                        "tollgate.alerts.sns-endpoint",
                        sns.endpoint(),
                        "tollgate.alerts.region",
                        "eu-west-1",
                        "tollgate.failover.probe-every",
                        4,
                        // the test runs the collector itself, at the times it chooses
                        "tollgate.sla.collector.initial-delay",
                        "1h"));
    }

    @AfterAll
    static void stop() throws Exception {
        CLOCK.release();
        gateway.close();
        sns.close();
    }

    @Test
    void degrade_violation_failover_recover_return() throws Exception {
        // the clock stands 20 s into a five-minute bucket and moves only when the test moves it: each phase's
        // calls land in one bucket however long the gateway took to start or the calls take
        CLOCK.toNext(Duration.ofMinutes(5));
        CLOCK.advance(Duration.ofSeconds(20));
        CLOCK.hold();
        send("POST", "/api/v1/sla/definitions", """
                {"name":"primary","model_pattern":"primary-model","target_error_rate":0.1,
                 "evaluation_window_minutes":5}""");
        String rule = JSON.readTree(send("POST", "/api/v1/sla/failover-rules", """
                        {"primary_model":"primary-model","fallback_model":"fallback-model",
                         "trigger_condition":"sla_violation","cooldown_minutes":5}"""))
                .path("id")
                .asText();

        // degrade: the mock fails the primary's first six calls
        for (int i = 0; i < 6; i++) {
            assertTrue(chat().statusCode() >= 500, "the provider's 500 reaches the client as a 5xx");
        }
        gateway.shipSpendLogs();

        // the next collector run: exactly one violation, one alert; the rule activates, one alert
        CLOCK.advance(Duration.ofMinutes(5));
        JsonNode run = JSON.readTree(send("POST", "/api/v1/sla/collect", null));
        assertEquals(1, run.path("opened").asInt(), run.toString());
        assertEquals(1, run.path("failovers").path("activated").asInt(), run.toString());
        JsonNode again = JSON.readTree(send("POST", "/api/v1/sla/collect", null));
        assertEquals(0, again.path("opened").asInt(), again.toString());
        assertEquals(0, again.path("failovers").path("activated").asInt());
        assertEquals(
                1,
                JSON.readTree(send("GET", "/api/v1/sla/violations/active", null))
                        .path("total")
                        .asInt());
        assertEquals(List.of("sla_violation", "failover_activated"), alertTypes());
        assertEquals(
                "active",
                JSON.readTree(send("GET", "/api/v1/sla/failover-rules/" + rule, null))
                        .path("status")
                        .asText());

        JsonNode health = JSON.readTree(send("GET", "/health/models", null));
        JsonNode primaryHealth = model(health, "primary-model");
        assertEquals("sla_failover", primaryHealth.path("status_source").asText(), primaryHealth.toString());
        assertEquals(rule, primaryHealth.path("sla_failover").path("rule_id").asText());
        assertEquals(
                "instance",
                model(health, "fallback-model").path("status_source").asText());

        // new calls are served by the fallback; every 4th probes the primary (which has recovered)
        List<HttpResponse<String>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> r = chat();
            assertEquals(200, r.statusCode(), r.body());
            calls.add(r);
        }
        HttpResponse<String> diverted = calls.get(0);
        HttpResponse<String> probe = calls.get(3);
        assertEquals(rule, diverted.headers().firstValue("x-tollgate-failover").orElse(null));
        assertEquals(
                "fallback-model",
                diverted.headers().firstValue("x-tollgate-model-used").orElse(null));
        assertTrue(probe.headers().firstValue("x-tollgate-failover").isEmpty(), "a probe is not diverted");
        assertEquals(
                "primary-model",
                probe.headers().firstValue("x-tollgate-model-used").orElse(null));
        assertEquals(
                6,
                calls.stream()
                        .filter(r ->
                                r.headers().firstValue("x-tollgate-failover").isPresent())
                        .count());

        JsonNode line =
                spendLog(diverted.headers().firstValue("x-tollgate-request-id").orElseThrow());
        assertEquals(rule, line.path("failover_rule_id").asText(), line.toString());
        assertEquals("primary-model", line.path("requested_model").asText());
        assertEquals("fallback-model", line.path("model").asText());
        BigDecimal cost = line.path("cost").decimalValue();
        assertEquals(
                0,
                cost.compareTo(new BigDecimal(diverted.headers()
                        .firstValue("x-tollgate-response-cost")
                        .orElseThrow())));
        assertTrue(
                line.path("budget_reserved").decimalValue().compareTo(cost) >= 0,
                "the reservation covered the fallback's price");
        JsonNode probeLine =
                spendLog(probe.headers().firstValue("x-tollgate-request-id").orElseThrow());
        assertTrue(probeLine.path("failover_rule_id").isNull()
                || probeLine.path("failover_rule_id").isMissingNode());
        assertTrue(
                cost.compareTo(probeLine.path("cost").decimalValue()) > 0,
                "same prompt, priced at gpt-4o, not gpt-4o-mini");
        gateway.shipSpendLogs();

        // a full healthy window later: the violation resolves (one alert), the cooldown is over and the
        // primary healthy: the failover ends (one alert) and traffic returns
        CLOCK.advance(Duration.ofMinutes(5));
        JsonNode recovered = JSON.readTree(send("POST", "/api/v1/sla/collect", null));
        assertEquals(1, recovered.path("resolved").asInt(), recovered.toString());
        assertEquals(1, recovered.path("failovers").path("ended").asInt(), recovered.toString());
        assertEquals(List.of("sla_violation", "failover_activated", "sla_resolved", "failover_ended"), alertTypes());
        send("POST", "/api/v1/sla/collect", null);
        assertEquals(4, alertTypes().size(), "no alert without a change");

        HttpResponse<String> back = chat();
        assertEquals(200, back.statusCode());
        assertTrue(back.headers().firstValue("x-tollgate-failover").isEmpty());
        assertEquals(
                "primary-model",
                back.headers().firstValue("x-tollgate-model-used").orElse(null));
        assertNull(model(JSON.readTree(send("GET", "/health/models", null)), "primary-model")
                .get("sla_failover")
                .textValue());
        JsonNode ended = sns.published().stream()
                .filter(p -> "failover_ended".equals(p.attributes().get("alert_type")))
                .findFirst()
                .map(p -> Map.of(
                        "scope",
                        p.attributes().get("scope"),
                        "model",
                        p.attributes().get("model")))
                .map(JSON::valueToTree)
                .map(JsonNode.class::cast)
                .orElseThrow();
        assertEquals("sla", ended.path("scope").asText());
        assertEquals("primary-model", ended.path("model").asText());
    }

    private static List<String> alertTypes() {
        return sns.published().stream()
                .map(p -> p.attributes().get("alert_type"))
                .toList();
    }

    private static JsonNode model(JsonNode health, String name) {
        for (JsonNode m : health.path("data")) {
            if (name.equals(m.path("model").asText())) {
                return m;
            }
        }
        throw new AssertionError("no " + name + " in " + health);
    }

    private static HttpResponse<String> chat() throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                        .header("authorization", "Bearer " + MASTER)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"primary-model\",\"max_tokens\":20,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"Say something short.\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The spend-log line of a request, as /spend/logs returns it once the call has settled. */
    private static JsonNode spendLog(String requestId) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            for (JsonNode line :
                    JSON.readTree(send("GET", "/spend/logs?limit=1000", null)).path("data")) {
                if (requestId.equals(line.path("request_id").asText())) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no spend-log line for " + requestId);
    }

    private static String send(String method, String path, String body) throws Exception {
        return LocalHttp.send(gateway, method, path, body, MASTER, 200);
    }
}
