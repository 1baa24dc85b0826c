package dev.tollgate.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.GatewayServer;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Load balancing by weight, cooldown of failing deployments, fallbacks and context-window fallbacks. */
class RoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream healthy;
    private static FakeUpstream overflowing;
    private static GatewayServer server;

    @BeforeAll
    static void start() {
        healthy = new FakeUpstream();
        overflowing = new FakeUpstream()
                .byDefault(
                        FakeUpstream.Reply.json(400, FakeUpstream.resource("/upstream/openai/error-400-context.json")));
        String config = """
                models:
                  - name: primary
                    provider: mock
                    base_model: gpt-4o-mini
                    max_retries: 0
                    mock: {fail_status: 503}
                  - name: secondary
                    model: gpt-4o
                    api_base: %1$s
                  - name: balanced
                    model: gpt-4o-mini
                    api_base: http://127.0.0.1:9/v1
                    max_retries: 0
                    weight: 1
                  - name: balanced
                    model: gpt-4o-mini
                    api_base: %1$s
                    weight: 0
                  - name: small-context
                    model: gpt-4o-mini
                    api_base: %2$s
                  - name: big-context
                    model: gpt-4o-mini
                    api_base: %1$s
                router_settings:
                  fallbacks: {primary: [secondary]}
                  context_window_fallbacks: {small-context: [big-context]}
                  allowed_fails: 1
                  cooldown_seconds: 60
                settings:
                  retry_base_delay_ms: 1
                """.formatted(healthy.baseUrl(), overflowing.baseUrl());
        server = GatewayServer.start(config);
    }

    @AfterAll
    static void stop() {
        server.close();
        healthy.close();
        overflowing.close();
    }

    @Test
    void failingPrimary_isServedByFallback_atTheFallbacksPrice() throws Exception {
        HttpResponse<String> response = chat("primary");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "secondary",
                response.headers().firstValue("x-tollgate-model-used").orElseThrow());
        assertEquals(
                "1",
                response.headers().firstValue("x-tollgate-attempted-fallbacks").orElseThrow());
        // priced as gpt-4o (the model used), not gpt-4o-mini: the recorded reply has 1200 prompt tokens
        // (1024 cached) and 300 completion tokens; gpt-4o: $2.50/M in, $1.25/M cached, $10/M out:
        // 176 × 0.0000025 = 0.00044; 1024 × 0.00000125 = 0.00128; 300 × 0.00001 = 0.003; total 0.00472
        assertEquals(
                new BigDecimal("0.00472"),
                new BigDecimal(response.headers()
                        .firstValue("x-tollgate-response-cost")
                        .orElseThrow()));
    }

    @Test
    void unreachableDeployment_coolsDown_andTheOtherServesEveryCall() throws Exception {
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = chat("balanced");
            assertEquals(200, response.statusCode(), response.body());
        }

        // weights 1 : 0 make the unreachable deployment the first pick until it cools down
        JsonNode health = JSON.readTree(get("/health/models").body()).path("data");
        JsonNode dead = health.get(2);
        JsonNode alive = health.get(3);
        assertFalse(dead.path("healthy").asBoolean(), "a deployment that failed once (allowed_fails: 1) cools down");
        assertEquals(1, dead.path("failures").asInt(), "and is skipped afterwards");
        assertEquals(6, alive.path("successes").asInt());
    }

    @Test
    void promptTooLong_goesToTheContextWindowFallback() throws Exception {
        HttpResponse<String> response = chat("small-context");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "big-context",
                response.headers().firstValue("x-tollgate-model-used").orElseThrow());
    }

    @Test
    void healthModels_listsEveryDeployment() throws Exception {
        JsonNode data = JSON.readTree(get("/health/models").body()).path("data");

        assertEquals(6, data.size());
        assertTrue(data.get(0).has("avg_latency_ms"));
    }

    private static HttpResponse<String> chat(String model) {
        return server.post("/v1/chat/completions", GatewayServer.chatBody(model, false));
    }

    private static HttpResponse<String> get(String path) {
        return server.get(path);
    }
}
