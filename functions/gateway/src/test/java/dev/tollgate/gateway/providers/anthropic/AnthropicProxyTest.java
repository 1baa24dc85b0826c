package dev.tollgate.gateway.providers.anthropic;

import static dev.tollgate.gateway.testing.GatewayServer.chatBody;
import static dev.tollgate.gateway.testing.GatewayServer.chunks;
import static dev.tollgate.gateway.testing.GatewayServer.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.FakeUpstream.Reply;
import dev.tollgate.gateway.testing.GatewayServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway on Netty in front of a loopback Anthropic Messages API replaying recorded shapes. */
class AnthropicProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream upstream;
    private static GatewayServer server;

    @BeforeAll
    static void start() {
        upstream = new FakeUpstream();
        String base = upstream.baseUrl().replace("/v1", "");
        String config = """
                models:
                  - name: claude
                    provider: anthropic
                    model: claude-sonnet-4-5-20250929
                    api_base: %1$s
                    api_key: sk-ant-upstream-secret
                    max_retries: 1
                  - name: claude-short
                    provider: anthropic
                    model: claude-sonnet-4-5-20250929
                    api_base: %1$s
                    max_output_tokens: 1024
                settings:
                  retry_base_delay_ms: 5
                """.formatted(base);
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
        upstream.byDefault(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages.json")));
    }

    @Test
    void chat_isSentToMessagesWithAnthropicHeaders_andPricedWithCacheReads() throws Exception {
        HttpResponse<String> response = post(chatBody("claude", false));

        assertEquals(200, response.statusCode(), response.body());
        FakeUpstream.Recorded sent = upstream.requests().get(0);
        assertEquals("/v1/messages", sent.path());
        assertEquals("sk-ant-upstream-secret", sent.header("x-api-key"));
        assertEquals("2023-06-01", sent.header("anthropic-version"));
        assertEquals(null, sent.header("authorization"));
        JsonNode body = JSON.readTree(sent.body());
        assertEquals("claude-sonnet-4-5-20250929", body.path("model").asText());
        assertEquals(
                64000, body.path("max_tokens").asInt(), "no max_tokens asked: the model's limit from the price map");
        assertFalse(body.has("stream_options"), "Anthropic rejects fields it does not know");

        JsonNode answer = JSON.readTree(response.body());
        assertEquals("msg_01XFDUDYJgAACzvnptvVoYEL", answer.path("id").asText());
        assertEquals("chat.completion", answer.path("object").asText());
        assertEquals(
                "Hello! How can I help you today?",
                answer.path("choices").path(0).path("message").path("content").asText());
        assertEquals(
                "stop", answer.path("choices").path(0).path("finish_reason").asText());
        JsonNode usage = answer.path("usage");
        assertEquals(5200, usage.path("prompt_tokens").asInt(), "input 1200 + cache read 4000 + cache write 0");
        assertEquals(
                4000, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
        assertEquals(4000, usage.path("cache_read_input_tokens").asInt());
        assertEquals(5500, usage.path("total_tokens").asInt());
        // claude-sonnet-4-5: $3/M in, $0.30/M cache read, $15/M out.
        // 1200 × 0.000003 = 0.0036; 4000 × 0.0000003 = 0.0012; 300 × 0.000015 = 0.0045; total 0.0093
        assertEquals(
                "0.0093",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void maxOutputTokens_inTheModelsConfig_isTheDefaultMaxTokens() throws Exception {
        post(chatBody("claude-short", false));

        assertEquals(
                1024,
                JSON.readTree(upstream.requests().get(0).body())
                        .path("max_tokens")
                        .asInt());
    }

    @Test
    void toolUse_comesBackAsToolCalls_andCacheWritesAreReported() throws Exception {
        upstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages-tool-use.json")));

        HttpResponse<String> response = post("""
                {"model":"claude","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                 "messages":[{"role":"user","content":"Weather in SF?"}]}""");

        JsonNode answer = JSON.readTree(response.body());
        JsonNode message = answer.path("choices").path(0).path("message");
        assertEquals(
                "tool_calls",
                answer.path("choices").path(0).path("finish_reason").asText());
        assertEquals(
                "I'll check the current weather in San Francisco for you.",
                message.path("content").asText());
        JsonNode call = message.path("tool_calls").path(0);
        assertEquals("toolu_01A09q90qw90lq917835lq9", call.path("id").asText());
        assertEquals("function", call.path("type").asText());
        assertEquals(
                "San Francisco, CA",
                JSON.readTree(call.path("function").path("arguments").asText())
                        .path("location")
                        .asText());
        JsonNode usage = answer.path("usage");
        assertEquals(3595, usage.path("prompt_tokens").asInt(), "input 2095 + cache write 1500");
        assertEquals(1500, usage.path("cache_creation_input_tokens").asInt());
        assertEquals(
                1500,
                usage.path("cache_creation").path("ephemeral_5m_input_tokens").asInt());
        // claude-sonnet-4-5, cache writes at the 5-minute write rate:
        //   2095 × 0.000003 = 0.006285; 1500 × 0.00000375 = 0.005625; 503 × 0.000015 = 0.007545; total 0.019455
        assertEquals(
                "0.019455",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void stream_becomesOpenAiChunks_withAFinalUsageChunk_andTheCostComment() throws Exception {
        upstream.enqueue(Reply.sse(FakeUpstream.resource("/upstream/anthropic/messages-stream.sse"), 0));

        HttpResponse<String> response = post(chatBody("claude", true));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(
                JSON.readTree(upstream.requests().get(0).body()).path("stream").asBoolean());
        List<JsonNode> chunks = chunks(response.body());
        assertEquals(
                "assistant",
                chunks.get(0).path("choices").path(0).path("delta").path("role").asText());
        assertEquals(
                "msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY",
                chunks.get(0).path("id").asText());
        assertEquals("chat.completion.chunk", chunks.get(0).path("object").asText());
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(
                c.path("choices").path(0).path("delta").path("content").asText("")));
        assertEquals("Hello there!", text.toString());
        assertEquals(
                "stop",
                chunks.get(chunks.size() - 2)
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText());
        JsonNode usage = chunks.get(chunks.size() - 1).path("usage");
        assertEquals(5200, usage.path("prompt_tokens").asInt());
        assertEquals(
                300, usage.path("completion_tokens").asInt(), "output tokens from message_delta, not message_start");
        // as the non-streamed call: 0.0036 + 0.0012 + 0.0045 = 0.0093
        assertTrue(response.body().endsWith(": x-tollgate-response-cost: 0.0093\ndata: [DONE]\n\n"), response.body());
    }

    @Test
    void streamedToolUse_becomesToolCallDeltasWithIndexIdNameAndArguments() throws Exception {
        upstream.enqueue(Reply.sse(FakeUpstream.resource("/upstream/anthropic/messages-stream-tool-use.sse"), 0));

        HttpResponse<String> response = post(chatBody("claude", true));

        List<JsonNode> calls = new ArrayList<>();
        String finish = null;
        for (JsonNode chunk : chunks(response.body())) {
            JsonNode choice = chunk.path("choices").path(0);
            choice.path("delta").path("tool_calls").forEach(calls::add);
            if (choice.hasNonNull("finish_reason")) {
                finish = choice.get("finish_reason").asText();
            }
        }
        assertEquals("tool_calls", finish);
        assertEquals("toolu_01T1x1fJ34qAmk2tNTrN7Up6", calls.get(0).path("id").asText());
        assertEquals("get_weather", calls.get(0).path("function").path("name").asText());
        StringBuilder arguments = new StringBuilder();
        calls.forEach(c -> {
            assertEquals(0, c.path("index").asInt(), "the first tool call is index 0 though it is content block 1");
            arguments.append(c.path("function").path("arguments").asText());
        });
        assertEquals(
                "fahrenheit", JSON.readTree(arguments.toString()).path("unit").asText());
        // 472 × 0.000003 = 0.001416; 89 × 0.000015 = 0.001335; total 0.002751
        assertTrue(response.body().endsWith(": x-tollgate-response-cost: 0.002751\ndata: [DONE]\n\n"), response.body());
    }

    @Test
    void overloaded529_isRetried_thenA502NamingTheUpstreamError() throws Exception {
        upstream.byDefault(Reply.json(529, FakeUpstream.resource("/upstream/anthropic/error-529-overloaded.json")));

        HttpResponse<String> response = post(chatBody("claude", false));

        assertEquals(502, response.statusCode());
        assertEquals(2, upstream.requests().size(), "one try plus max_retries: 1");
        assertTrue(error(response).path("message").asText().contains("HTTP 529"), response.body());
        assertTrue(error(response).path("message").asText().contains("Overloaded"), response.body());
    }

    @Test
    void overloadedThenOk_succeeds() throws Exception {
        upstream.enqueue(Reply.json(529, FakeUpstream.resource("/upstream/anthropic/error-529-overloaded.json")));

        HttpResponse<String> response = post(chatBody("claude", false));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, upstream.requests().size());
    }

    @Test
    void promptTooLong_is400WithOpenAisContextLengthCode() throws Exception {
        upstream.enqueue(Reply.json(400, FakeUpstream.resource("/upstream/anthropic/error-400-prompt-too-long.json")));

        HttpResponse<String> response = post(chatBody("claude", false));

        assertEquals(400, response.statusCode());
        assertEquals("context_length_exceeded", error(response).path("code").asText());
        assertTrue(error(response).path("message").asText().startsWith("prompt is too long"), response.body());
        assertEquals(1, upstream.requests().size());
    }

    @Test
    void authenticationError_keepsStatusTypeAndMessage() throws Exception {
        upstream.enqueue(Reply.json(401, FakeUpstream.resource("/upstream/anthropic/error-401-authentication.json")));

        HttpResponse<String> response = post(chatBody("claude", false));

        assertEquals(401, response.statusCode());
        assertEquals("authentication_error", error(response).path("type").asText());
        assertEquals("invalid x-api-key", error(response).path("message").asText());
    }

    @Test
    void errorEventMidStream_reachesTheClientAsAnErrorEvent() throws Exception {
        upstream.enqueue(Reply.sse(FakeUpstream.resource("/upstream/anthropic/messages-stream-overloaded.sse"), 0));

        HttpResponse<String> response = post(chatBody("claude", true));

        assertTrue(response.body().contains("\"content\":\"Hel\""), response.body());
        assertTrue(response.body().contains("Overloaded"), response.body());
        assertFalse(response.body().contains("[DONE]"), response.body());
    }

    private static HttpResponse<String> post(String body) {
        return server.post("/v1/chat/completions", body);
    }
}
