package dev.tollgate.gateway.providers.bedrock;

import static dev.tollgate.gateway.testing.GatewayServer.chunks;
import static dev.tollgate.gateway.testing.GatewayServer.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.providers.bedrock.BedrockFake.Reply;
import dev.tollgate.gateway.testing.GatewayServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway on Netty in front of a loopback Bedrock runtime that speaks the SDK's wire protocol
 * (JSON for Converse, binary event-stream frames for ConverseStream). The real SDK clients sign and
 * parse; only the endpoint is overridden.
 */
class BedrockProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String PNG =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static BedrockFake bedrock;
    private static GatewayServer server;

    @BeforeAll
    static void start() {
        // The default credentials chain reads these first; on Lambda it finds the function's role.
        System.setProperty("aws.accessKeyId", "AKIDTOLLGATETEST");
        System.setProperty("aws.secretAccessKey", "tollgate-test-secret");
        bedrock = new BedrockFake();
        String config = """
                models:
                  - name: claude-bedrock
                    provider: bedrock
                    model: "%s"
                    region: us-west-2
                    api_base: %s
                    max_retries: 1
                    timeout_seconds: 5
                settings:
                  retry_base_delay_ms: 5
                """.formatted(MODEL_ID, bedrock.endpoint());
        server = GatewayServer.start(config);
    }

    @AfterAll
    static void stop() {
        server.close();
        bedrock.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void reset() {
        bedrock.reset();
    }

    @Test
    void converse_mapsTheRequestAndTheAnswer_andPricesCacheReads() throws Exception {
        bedrock.enqueue(Reply.json("/upstream/bedrock/converse.json"));

        HttpResponse<String> response = post("""
                {"model":"claude-bedrock","max_tokens":256,"temperature":0.2,"top_p":0.9,"stop":["END"],
                 "messages":[{"role":"system","content":"Be brief."},
                             {"role":"user","content":[{"type":"text","text":"What is this?","cache_control":{"type":"ephemeral"}},
                                                       {"type":"image_url","image_url":{"url":"data:image/png;base64,%s"}}]}]}""".formatted(PNG));

        assertEquals(200, response.statusCode(), response.body());
        BedrockFake.Recorded sent = bedrock.requests().get(0);
        assertEquals("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse", sent.rawPath());
        assertTrue(
                sent.header("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIDTOLLGATETEST/"),
                sent.header("authorization"));
        assertTrue(
                sent.header("authorization").contains("/us-west-2/bedrock/aws4_request"),
                "signed for the model's region");
        JsonNode body = sent.json();
        assertEquals("Be brief.", body.path("system").path(0).path("text").asText());
        JsonNode content = body.path("messages").path(0).path("content");
        assertEquals("What is this?", content.path(0).path("text").asText());
        assertEquals(
                "default",
                content.path(1).path("cachePoint").path("type").asText(),
                "cache_control becomes a cache point");
        assertEquals("png", content.path(2).path("image").path("format").asText());
        assertEquals(
                PNG, content.path(2).path("image").path("source").path("bytes").asText());
        assertEquals(256, body.path("inferenceConfig").path("maxTokens").asInt());
        assertEquals(0.2, body.path("inferenceConfig").path("temperature").asDouble(), 1e-6);
        assertEquals(0.9, body.path("inferenceConfig").path("topP").asDouble(), 1e-6);
        assertEquals(
                "END",
                body.path("inferenceConfig").path("stopSequences").path(0).asText());

        JsonNode answer = JSON.readTree(response.body());
        assertEquals("chat.completion", answer.path("object").asText());
        assertEquals("chatcmpl-" + BedrockFake.REQUEST_ID, answer.path("id").asText());
        assertEquals(
                "Hello! How can I help you today?",
                answer.path("choices").path(0).path("message").path("content").asText());
        assertEquals(
                "stop", answer.path("choices").path(0).path("finish_reason").asText());
        JsonNode usage = answer.path("usage");
        assertEquals(5200, usage.path("prompt_tokens").asInt(), "input 1200 + cache read 4000");
        assertEquals(
                4000, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
        assertEquals(4000, usage.path("cache_read_input_tokens").asInt());
        assertEquals(0, usage.path("cache_creation_input_tokens").asInt());
        // us.anthropic.claude-sonnet-4-5 (US inference profile): $3.30/M in, $0.33/M cache read, $16.50/M out.
        // 1200 × 0.0000033 = 0.00396; 4000 × 0.00000033 = 0.00132; 300 × 0.0000165 = 0.00495; total 0.01023
        assertEquals(
                "0.01023",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void converse_toolCallsBothWays() throws Exception {
        bedrock.enqueue(Reply.json("/upstream/bedrock/converse-tool-use.json"));

        HttpResponse<String> response = post("""
                {"model":"claude-bedrock","tool_choice":"required",
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                           "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
                 "messages":[{"role":"user","content":"Weather in Paris?"},
                             {"role":"assistant","content":null,"tool_calls":[{"id":"tooluse_prev1","type":"function",
                               "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                             {"role":"tool","tool_call_id":"tooluse_prev1","content":"18°C, cloudy"},
                             {"role":"user","content":"And in Seattle?"}]}""");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = bedrock.requests().get(0).json();
        JsonNode spec = body.path("toolConfig").path("tools").path(0).path("toolSpec");
        assertEquals("get_weather", spec.path("name").asText());
        assertEquals(
                "string",
                spec.path("inputSchema")
                        .path("json")
                        .path("properties")
                        .path("location")
                        .path("type")
                        .asText());
        assertTrue(body.path("toolConfig").path("toolChoice").has("any"), body.toString());
        JsonNode messages = body.path("messages");
        assertEquals(3, messages.size(), "the tool result and the next question share one user turn: " + messages);
        JsonNode use = messages.path(1).path("content").path(0).path("toolUse");
        assertEquals("tooluse_prev1", use.path("toolUseId").asText());
        assertEquals("Paris", use.path("input").path("location").asText());
        JsonNode result = messages.path(2).path("content").path(0).path("toolResult");
        assertEquals("tooluse_prev1", result.path("toolUseId").asText());
        assertEquals("18°C, cloudy", result.path("content").path(0).path("text").asText());
        assertEquals(
                "And in Seattle?",
                messages.path(2).path("content").path(1).path("text").asText());

        JsonNode choice = JSON.readTree(response.body()).path("choices").path(0);
        assertEquals("tool_calls", choice.path("finish_reason").asText());
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertEquals("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", call.path("id").asText());
        assertEquals("get_weather", call.path("function").path("name").asText());
        assertEquals(
                "Seattle, WA",
                JSON.readTree(call.path("function").path("arguments").asText())
                        .path("location")
                        .asText());
        // 412 × 0.0000033 = 0.0013596; 87 × 0.0000165 = 0.0014355; total 0.0027951
        assertEquals(
                "0.0027951",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void converseStream_decodesEventFrames_intoOpenAiChunksWithAFinalUsageChunk() throws Exception {
        bedrock.enqueue(Reply.stream("/upstream/bedrock/converse-stream.json"));

        HttpResponse<String> response = post(chat(true));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream",
                bedrock.requests().get(0).rawPath());
        List<JsonNode> chunks = chunks(response.body());
        assertEquals(
                "assistant",
                chunks.get(0).path("choices").path(0).path("delta").path("role").asText());
        assertEquals("Hello there!", text(chunks));
        assertEquals(
                "stop",
                chunks.get(chunks.size() - 2)
                        .path("choices")
                        .path(0)
                        .path("finish_reason")
                        .asText());
        JsonNode usage = chunks.get(chunks.size() - 1).path("usage");
        assertEquals(5200, usage.path("prompt_tokens").asInt());
        assertEquals(300, usage.path("completion_tokens").asInt());
        // as for Converse: 0.00396 + 0.00132 + 0.00495 = 0.01023
        assertTrue(response.body().endsWith(": x-tollgate-response-cost: 0.01023\ndata: [DONE]\n\n"), response.body());
    }

    @Test
    void converseStream_toolUse_becomesToolCallDeltas() throws Exception {
        bedrock.enqueue(Reply.stream("/upstream/bedrock/converse-stream-tool-use.json"));

        HttpResponse<String> response = post(chat(true));

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
        assertEquals("tooluse_Qk3PgEB4Sa2oZ8OdzNzQ9g", calls.get(0).path("id").asText());
        assertEquals("get_weather", calls.get(0).path("function").path("name").asText());
        StringBuilder arguments = new StringBuilder();
        calls.forEach(c -> {
            assertEquals(0, c.path("index").asInt());
            arguments.append(c.path("function").path("arguments").asText());
        });
        assertEquals(
                "Seattle, WA",
                JSON.readTree(arguments.toString()).path("location").asText());
    }

    @Test
    void throttling_isRetried_thenA429WithRetryAfter() throws Exception {
        bedrock.enqueue(Reply.error(429, "ThrottlingException", "/upstream/bedrock/error-throttling.json"));
        bedrock.enqueue(Reply.error(429, "ThrottlingException", "/upstream/bedrock/error-throttling.json"));

        HttpResponse<String> response = post(chat(false));

        assertEquals(429, response.statusCode(), response.body());
        assertEquals(2, bedrock.requests().size(), "one try plus max_retries: 1");
        assertEquals("1", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals("rate_limit_error", error(response).path("type").asText());
        assertTrue(error(response).path("message").asText().contains("Too many requests"), response.body());
    }

    @Test
    void throttlingThenOk_succeedsOnTheRetry_alsoForStreams() throws Exception {
        bedrock.enqueue(Reply.error(429, "ThrottlingException", "/upstream/bedrock/error-throttling.json"));
        bedrock.enqueue(Reply.stream("/upstream/bedrock/converse-stream.json"));

        HttpResponse<String> response = post(chat(true));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, bedrock.requests().size());
        assertTrue(response.body().contains("\"content\":\"Hello\""), response.body());
    }

    @Test
    void validationTooLong_is400ContextLengthExceeded_andNotRetried() throws Exception {
        bedrock.enqueue(Reply.error(400, "ValidationException", "/upstream/bedrock/error-validation-too-long.json"));

        HttpResponse<String> response = post(chat(false));

        assertEquals(400, response.statusCode());
        assertEquals("context_length_exceeded", error(response).path("code").asText());
        assertEquals(1, bedrock.requests().size());
    }

    @Test
    void accessDenied_is403SayingWhatTheRoleNeeds() throws Exception {
        bedrock.enqueue(Reply.error(403, "AccessDeniedException", "/upstream/bedrock/error-access-denied.json"));

        HttpResponse<String> response = post(chat(false));

        assertEquals(403, response.statusCode());
        String message = error(response).path("message").asText();
        assertTrue(message.contains("bedrock:InvokeModel") && message.contains("model access"), message);
        assertTrue(message.contains(MODEL_ID) && message.contains("us-west-2"), message);
    }

    @Test
    void modelTimeout_is504() throws Exception {
        bedrock.enqueue(Reply.error(408, "ModelTimeoutException", "/upstream/bedrock/error-model-timeout.json"));

        HttpResponse<String> response = post(chat(false));

        assertEquals(504, response.statusCode(), response.body());
        assertEquals(1, bedrock.requests().size());
    }

    @Test
    void exceptionEventMidStream_reachesTheClientAsAnErrorEvent() throws Exception {
        List<byte[]> frames = new ArrayList<>(
                BedrockFake.events("/upstream/bedrock/converse-stream.json").subList(0, 2));
        frames.add(EventStreamEncoder.exception("modelStreamErrorException", "The model stopped responding."));
        bedrock.enqueue(Reply.frames(frames));

        HttpResponse<String> response = post(chat(true));

        assertTrue(response.body().contains("\"content\":\"Hello\""), response.body());
        assertTrue(response.body().contains("The model stopped responding."), response.body());
        assertFalse(response.body().contains("[DONE]"), "a broken stream does not claim to be complete");
    }

    @Test
    void embeddings_areRefusedClearly() throws Exception {
        HttpResponse<String> response =
                server.post("/v1/embeddings", "{\"model\":\"claude-bedrock\",\"input\":\"hi\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(bedrock.requests().isEmpty());
    }

    private static String chat(boolean stream) {
        return GatewayServer.chatBody("claude-bedrock", stream);
    }

    private static String text(List<JsonNode> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(
                c.path("choices").path(0).path("delta").path("content").asText("")));
        return text.toString();
    }

    private static HttpResponse<String> post(String body) {
        return server.post("/v1/chat/completions", body);
    }
}
