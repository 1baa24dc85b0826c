package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/sla/*} through the local gateway: routes, master key, OpenAI-style 400s. */
class SlaApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MASTER = "sk-sla-api-master";
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory(MockModel.CONFIG + """
                  - name: mock-gpt-4o
                    provider: mock
                    base_model: gpt-4o
                """, MASTER));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void definitionsHealthAndViolations_overHttp() throws Exception {
        JsonNode created = JSON.readTree(send(
                "POST",
                "/api/v1/sla/definitions",
                "{\"name\":\"mini\",\"provider\":\"mock\",\"model_pattern\":\"gpt-4o*\",\"target_p95_ms\":2000,"
                        + "\"target_error_rate\":0.01,\"evaluation_window_minutes\":30}",
                200,
                MASTER));
        String id = created.path("id").asText();
        assertEquals("gpt-4o*", created.path("model_pattern").asText());

        JsonNode bad = JSON.readTree(send(
                "POST",
                "/api/v1/sla/definitions",
                "{\"name\":\"x\",\"model_pattern\":\"*\",\"target_error_rate\":2}",
                400,
                MASTER));
        assertEquals("invalid_request_error", bad.path("error").path("type").asText(), bad.toString());
        assertEquals("target_error_rate", bad.path("error").path("param").asText());
        JsonNode shortWindow = JSON.readTree(
                send("PUT", "/api/v1/sla/definitions/" + id, "{\"evaluation_window_minutes\":1}", 400, MASTER));
        assertTrue(shortWindow.path("error").path("message").asText().contains("at least 5"));

        assertEquals(
                1,
                JSON.readTree(send("GET", "/api/v1/sla/definitions", null, 200, MASTER))
                        .path("total")
                        .asInt());
        assertEquals(
                30,
                JSON.readTree(send("GET", "/api/v1/sla/definitions/" + id, null, 200, MASTER))
                        .path("evaluation_window_minutes")
                        .asInt());
        assertTrue(JSON.readTree(send("GET", "/api/v1/sla/health", null, 200, MASTER))
                .path("data")
                .isArray());
        assertTrue(JSON.readTree(send("GET", "/api/v1/sla/health/history?hours=2&model=gpt-4o-mini", null, 200, MASTER))
                .path("data")
                .isArray());
        send("GET", "/api/v1/sla/health/history?hours=0", null, 400, MASTER);
        JsonNode run = JSON.readTree(send("POST", "/api/v1/sla/collect", null, 200, MASTER));
        assertEquals(1, run.path("definitions").asInt(), run.toString());
        assertEquals(
                0,
                JSON.readTree(send("GET", "/api/v1/sla/violations/active", null, 200, MASTER))
                        .path("total")
                        .asInt());
        send("GET", "/api/v1/sla/violations?from=2026-01-01&to=2026-12-31", null, 200, MASTER);
        send("GET", "/api/v1/sla/violations?from=yesterday", null, 400, MASTER);
        send("POST", "/api/v1/sla/violations/nope/resolve", null, 404, MASTER);
        send("GET", "/api/v1/sla/definitions", null, 401, "sk-not-the-master");
        send("DELETE", "/api/v1/sla/definitions/" + id, null, 200, MASTER);
        send("GET", "/api/v1/sla/definitions/" + id, null, 404, MASTER);
    }

    @Test
    void failoverRules_overHttp_refuseUnknownFallbacksAndCycles() throws Exception {
        JsonNode created = JSON.readTree(send(
                "POST",
                "/api/v1/sla/failover-rules",
                "{\"primary_model\":\"mock-gpt-4o\",\"fallback_model\":\"mock-gpt-4o-mini\","
                        + "\"trigger_condition\":\"error_rate\",\"trigger_threshold\":0.2,\"cooldown_minutes\":10}",
                200,
                MASTER));
        String id = created.path("id").asText();
        assertEquals("inactive", created.path("status").asText());
        JsonNode unknown = JSON.readTree(send(
                "POST",
                "/api/v1/sla/failover-rules",
                "{\"primary_model\":\"mock-gpt-4o\",\"fallback_model\":\"gpt-9\",\"trigger_condition\":\"sla_violation\"}",
                400,
                MASTER));
        assertEquals("fallback_model", unknown.path("error").path("param").asText(), unknown.toString());
        assertEquals("invalid_request_error", unknown.path("error").path("type").asText());
        JsonNode cycle = JSON.readTree(send(
                "POST",
                "/api/v1/sla/failover-rules",
                "{\"primary_model\":\"mock-gpt-4o-mini\",\"fallback_model\":\"mock-gpt-4o\","
                        + "\"trigger_condition\":\"sla_violation\"}",
                400,
                MASTER));
        assertTrue(cycle.path("error").path("message").asText().contains("cycle"), cycle.toString());
        assertEquals(
                1,
                JSON.readTree(send("GET", "/api/v1/sla/failover-rules", null, 200, MASTER))
                        .path("total")
                        .asInt());
        assertEquals(
                30,
                JSON.readTree(send("PUT", "/api/v1/sla/failover-rules/" + id, "{\"cooldown_minutes\":30}", 200, MASTER))
                        .path("cooldown_minutes")
                        .asInt());
        send("GET", "/api/v1/sla/failover-rules/" + id, null, 200, MASTER);
        send("GET", "/api/v1/sla/failover-rules", null, 401, "sk-not-the-master");
        send("DELETE", "/api/v1/sla/failover-rules/" + id, null, 200, MASTER);
        send("GET", "/api/v1/sla/failover-rules/" + id, null, 404, MASTER);
    }

    private static String send(String method, String path, String body, int expected, String key) throws Exception {
        return LocalHttp.send(gateway, method, path, body, key, expected);
    }
}
