package dev.tollgate.gateway.providers.azure;

import static dev.tollgate.gateway.testing.GatewayServer.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.FakeUpstream.Reply;
import dev.tollgate.gateway.testing.GatewayServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway on Netty in front of a loopback Azure OpenAI resource replaying recorded shapes. */
class AzureOpenAiProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream upstream;
    private static GatewayServer server;

    @BeforeAll
    static void start() {
        upstream = new FakeUpstream();
        String resource = upstream.baseUrl().replace("/v1", "");
        String config = """
                models:
                  - name: gpt-4o-mini
                    provider: azure
                    model: gpt4o-mini-prod
                    base_model: azure/gpt-4o-mini
                    api_base: %1$s
                    api_key: azure-upstream-secret
                    api_version: "2024-10-21"
                    max_retries: 1
                  - name: text-embedding-3-small
                    provider: azure
                    model: embeddings-prod
                    base_model: text-embedding-3-small
                    api_base: %1$s
                    api_key: azure-upstream-secret
                settings:
                  retry_base_delay_ms: 5
                """.formatted(resource);
        server = GatewayServer.start(config);
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        upstream.byDefault(Reply.json(200, FakeUpstream.resource("/upstream/azure/chat-completion.json")));
    }

    @Test
    void chat_goesToTheDeploymentUrlWithApiKey_keepsFilterResults_andIsPriced() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat(false));

        assertEquals(200, response.statusCode(), response.body());
        FakeUpstream.Recorded sent = upstream.requests().get(0);
        assertEquals("/openai/deployments/gpt4o-mini-prod/chat/completions", sent.path());
        assertEquals("azure-upstream-secret", sent.header("api-key"));
        assertNull(sent.header("authorization"), "Azure's key header, not a bearer token");
        JsonNode answer = JSON.readTree(response.body());
        assertFalse(answer.path("prompt_filter_results").isEmpty(), "Azure's filter results are kept");
        assertFalse(
                answer.path("choices").path(0).path("content_filter_results").isEmpty());
        // azure/gpt-4o-mini: $0.165/M in, $0.075/M cached, $0.66/M out.
        // (1200 - 1024) × 0.000000165 = 0.00002904; 1024 × 0.000000075 = 0.0000768; 300 × 0.00000066 = 0.000198
        // total = 0.00030384
        assertEquals(
                "0.00030384",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void toolCalls_passThroughBothWays() throws Exception {
        upstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/azure/chat-completion-tool-calls.json")));

        HttpResponse<String> response = post("/v1/chat/completions", """
                {"model":"gpt-4o-mini","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                 "messages":[{"role":"user","content":"Weather in Boston?"},
                             {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
                             {"role":"tool","tool_call_id":"call_1","content":"12°C"}]}""");

        JsonNode sent = JSON.readTree(upstream.requests().get(0).body());
        assertEquals(
                "get_weather",
                sent.path("tools").path(0).path("function").path("name").asText());
        assertEquals(
                "call_1", sent.path("messages").path(2).path("tool_call_id").asText());
        JsonNode choice = JSON.readTree(response.body()).path("choices").path(0);
        assertEquals("tool_calls", choice.path("finish_reason").asText());
        assertEquals(
                "call_8W5L3nVjG1nRxD3kzQxVw2Zr",
                choice.path("message").path("tool_calls").path(0).path("id").asText());
    }

    @Test
    void stream_fillsTheEnvelopeOfAzuresFilterOnlyChunk_andRelaysUsage() throws Exception {
        upstream.enqueue(Reply.sse(FakeUpstream.resource("/upstream/azure/chat-completion-stream.sse"), 0));

        HttpResponse<String> response = post("/v1/chat/completions", chat(true));

        assertEquals(200, response.statusCode(), response.body());
        String first = response.body()
                .lines()
                .filter(l -> l.startsWith("data:"))
                .findFirst()
                .orElseThrow();
        JsonNode filterChunk = JSON.readTree(first.substring(5));
        assertEquals("chat.completion.chunk", filterChunk.path("object").asText());
        assertEquals("gpt4o-mini-prod", filterChunk.path("model").asText());
        assertFalse(filterChunk.path("prompt_filter_results").isEmpty());
        assertTrue(response.body().contains("\"content\":\"Hello\""), response.body());
        assertTrue(response.body().contains("\"prompt_tokens\":1000"), response.body());
        // 1000 × 0.000000165 = 0.000165; 200 × 0.00000066 = 0.000132; total 0.000297
        assertTrue(response.body().endsWith(": x-tollgate-response-cost: 0.000297\ndata: [DONE]\n\n"), response.body());
    }

    @Test
    void embeddings_goToTheEmbeddingsDeployment() throws Exception {
        upstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/azure/embeddings.json")));

        HttpResponse<String> response =
                post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hello world\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "/openai/deployments/embeddings-prod/embeddings",
                upstream.requests().get(0).path());
        // text-embedding-3-small: $0.02/M; 8 × 0.00000002 = 0.00000016
        assertEquals(
                "0.00000016",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void contentFilter400_keepsAzuresCodeAndMessage() throws Exception {
        upstream.enqueue(Reply.json(400, FakeUpstream.resource("/upstream/azure/error-400-content-filter.json")));

        HttpResponse<String> response = post("/v1/chat/completions", chat(false));

        assertEquals(400, response.statusCode());
        assertEquals("content_filter", error(response).path("code").asText());
        assertEquals("prompt", error(response).path("param").asText());
        assertTrue(error(response).path("message").asText().contains("content management policy"), response.body());
    }

    @Test
    void rateLimit429_isRetried_thenPassedOn() throws Exception {
        upstream.byDefault(Reply.json(429, FakeUpstream.resource("/upstream/azure/error-429-rate-limit.json")));

        HttpResponse<String> response = post("/v1/chat/completions", chat(false));

        assertEquals(429, response.statusCode());
        assertEquals(2, upstream.requests().size(), "one try plus max_retries: 1");
        assertEquals("rate_limit_error", error(response).path("type").asText());
        assertTrue(error(response).path("message").asText().contains("exceeded token rate limit"), response.body());
    }

    @Test
    void unknownDeployment_is404WithAzuresMessage() throws Exception {
        upstream.enqueue(Reply.json(404, FakeUpstream.resource("/upstream/azure/error-404-deployment.json")));

        HttpResponse<String> response = post("/v1/chat/completions", chat(false));

        assertEquals(404, response.statusCode());
        assertEquals("DeploymentNotFound", error(response).path("code").asText());
    }

    private static String chat(boolean stream) {
        return GatewayServer.chatBody("gpt-4o-mini", stream);
    }

    private static HttpResponse<String> post(String path, String body) {
        return server.post(path, body);
    }
}
