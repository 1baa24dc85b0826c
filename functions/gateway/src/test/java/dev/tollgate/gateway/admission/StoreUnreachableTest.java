package dev.tollgate.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.GatewayServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DynamoDB unreachable: the call fails closed with 503 and nothing goes upstream, unless fail_open is set. */
class StoreUnreachableTest {
    private static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    @Test
    void dynamoDbDown_failsClosedWith503_andNothingGoesUpstream() throws Exception {
        try (GatewayServer server = start(false)) {
            HttpResponse<String> response = chat(server);

            assertEquals(503, response.statusCode(), response.body());
            assertEquals(
                    "budget_store_unavailable",
                    new ObjectMapper()
                            .readTree(response.body())
                            .path("error")
                            .path("code")
                            .asText());
            assertEquals(0, upstream.requests().size());
        }
    }

    @Test
    void dynamoDbDown_withFailOpen_letsTheCallThrough() throws Exception {
        try (GatewayServer server = start(true)) {
            HttpResponse<String> response = chat(server);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals(1, upstream.requests().size());
        }
    }

    private static GatewayServer start(boolean failOpen) {
        String config = """
                models:
                  - name: fast
                    model: gpt-4o-mini
                    api_base: %s
                settings:
                  budgets:
                    fail_open: %s
                """.formatted(upstream.baseUrl(), failOpen);
        return GatewayServer.start(
                config,
                Map.of(
                        "tollgate.storage.table",
                        "tollgate",
                        "tollgate.storage.region",
                        "us-east-1",
                        "tollgate.storage.dynamodb-endpoint",
                        "http://127.0.0.1:9"));
    }

    private static HttpResponse<String> chat(GatewayServer server) {
        return server.post("/v1/chat/completions", GatewayServer.chatBody("fast", false));
    }
}
