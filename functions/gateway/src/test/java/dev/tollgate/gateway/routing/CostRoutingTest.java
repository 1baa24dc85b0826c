package dev.tollgate.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.GatewayServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code routing_strategy: cost}: a group mixing two providers (an OpenAI-compatible gpt-4o-mini and the mock
 * provider priced as gpt-4o) sends each call to the cheaper healthy deployment whatever the weights, and to the
 * dearer one while the cheaper cools down.
 */
class CostRoutingTest {
    private FakeUpstream cheap;
    private GatewayServer server;

    @BeforeEach
    void start() {
        cheap = new FakeUpstream();
        // gpt-4o-mini: $0.15 / $0.60 per M tokens; gpt-4o: $2.50 / $10 per M. The weights favour the dear one
        // 100 to 1: cost-based routing ignores weights except between deployments of equal cost.
        server = GatewayServer.start("""
                models:
                  - name: cost-effective
                    model: gpt-4o-mini
                    api_base: %s
                    max_retries: 0
                    weight: 1
                  - name: cost-effective
                    provider: mock
                    model: mock-dear
                    base_model: gpt-4o
                    weight: 100
                router_settings:
                  routing_strategies: {cost-effective: cost}
                  allowed_fails: 1
                  cooldown_seconds: 60
                """.formatted(cheap.baseUrl()));
    }

    @AfterEach
    void stop() {
        server.close();
        cheap.close();
    }

    @Test
    void everyCall_goesToTheCheaperDeployment_despiteItsWeight() {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = chat();
            assertEquals(200, response.statusCode(), response.body());
        }
        assertEquals(10, cheap.requests().size());
    }

    @Test
    void whenTheCheaperFails_theCallFallsBackToTheDearer_andLaterCallsSkipTheCheaperWhileItCoolsDown() {
        cheap.enqueue(FakeUpstream.Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));

        HttpResponse<String> failedOver = chat();
        HttpResponse<String> whileCooling = chat();

        assertEquals(200, failedOver.statusCode(), failedOver.body());
        assertEquals(200, whileCooling.statusCode(), whileCooling.body());
        assertEquals(1, cheap.requests().size());
        assertEquals(
                "cost-effective",
                failedOver.headers().firstValue("x-tollgate-model-used").orElseThrow());
        assertEquals(
                server.get("/health/models").body().contains("\"healthy\":false"),
                true,
                "the cheaper deployment is cooling down");
    }

    private HttpResponse<String> chat() {
        return server.post("/v1/chat/completions", GatewayServer.chatBody("cost-effective", false));
    }
}
