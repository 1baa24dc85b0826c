package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.FakeUpstream.Reply;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anthropic's Messages API and OpenAI's Responses API through the local gateway, driven by the official
 * Anthropic and OpenAI Java SDKs: bridged to chat completions, on an Anthropic upstream (replaying
 * recorded responses), an OpenAI-compatible upstream and the mock model, with exact costs and the
 * spend-log line of each call.
 */
class CodingAgentApisTest {
    private static final String MASTER = "sk-e2e-agents-master";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static FakeUpstream anthropicUpstream;
    private static FakeUpstream openAiUpstream;
    private static LocalGateway gateway;
    private static AnthropicClient anthropic;
    private static OpenAIClient openAi;

    @BeforeAll
    static void start() throws Exception {
        anthropicUpstream = new FakeUpstream();
        openAiUpstream = new FakeUpstream();
        String config = """
                models:
                  - name: claude
                    provider: anthropic
                    model: claude-sonnet-4-5-20250929
                    api_base: %1$s
                    api_key: sk-ant-upstream-secret
                    max_retries: 0
                  - name: gpt
                    provider: openai
                    model: gpt-4o-mini
                    api_base: %2$s
                    api_key: sk-openai-upstream
                    max_retries: 0
                  - name: mock-claude
                    provider: mock
                    base_model: claude-sonnet-4-5
                  - name: mock-gpt
                    provider: mock
                    base_model: gpt-4o-mini
                """.formatted(anthropicUpstream.baseUrl().replace("/v1", ""), openAiUpstream.baseUrl());
        gateway = LocalGateway.start(LocalOptions.inMemory(config, MASTER));
        String root = gateway.baseUrl().replace("/v1", "");
        anthropic = AnthropicOkHttpClient.builder()
                .baseUrl(root)
                .apiKey(MASTER)
                .maxRetries(0)
                .build();
        openAi = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(MASTER)
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            anthropic.close();
            openAi.close();
            gateway.close();
        } finally {
            anthropicUpstream.close();
            openAiUpstream.close();
        }
    }

    @BeforeEach
    void reset() {
        anthropicUpstream.reset();
        openAiUpstream.reset();
    }

    // ------------------------------------------------------------------ Messages API

    @Test
    void messages_onAnthropic_contentUsageAndExactCost() throws Exception {
        anthropicUpstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages.json")));

        var raw = anthropic
                .messages()
                .withRawResponse()
                .create(MessageCreateParams.builder()
                        .model("claude")
                        .maxTokens(1024)
                        .system("Be brief.")
                        .addUserMessage("hi")
                        .build());
        Message message = raw.parse();

        JsonNode sent = JSON.readTree(anthropicUpstream.requests().get(0).body());
        assertEquals("Be brief.", sent.path("system").path(0).path("text").asText());
        assertEquals(1024, sent.path("max_tokens").asInt());
        assertEquals(
                "Hello! How can I help you today?",
                message.content().get(0).asText().text());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(1200, message.usage().inputTokens(), "input excludes the cache read, as Anthropic counts");
        assertEquals(4000L, message.usage().cacheReadInputTokens().orElseThrow());
        assertEquals(300, message.usage().outputTokens());
        // claude-sonnet-4-5: 1200 × $3/M = 0.0036; 4000 × $0.30/M = 0.0012; 300 × $15/M = 0.0045 → 0.0093
        assertEquals(0, new BigDecimal("0.0093").compareTo(cost(raw.headers().values("x-tollgate-response-cost"))));
        JsonNode line = spendLog(raw.headers().values("x-tollgate-request-id").get(0));
        assertEquals("messages", line.path("call_type").asText());
        assertEquals(
                "anthropic-sdk",
                line.path("client").asText(),
                line.path("user_agent").asText());
        assertEquals(0, new BigDecimal("0.0093").compareTo(line.path("cost").decimalValue()));
    }

    @Test
    void messages_streamedOnAnthropic_anthropicEventsAndUsage() {
        anthropicUpstream.enqueue(Reply.sse(FakeUpstream.resource("/upstream/anthropic/messages-stream.sse"), 5));

        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> types = new ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic
                .messages()
                .createStreaming(MessageCreateParams.builder()
                        .model("claude")
                        .maxTokens(512)
                        .addUserMessage("hi")
                        .build())) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                types.add(eventType(event));
            });
        }
        Message message = accumulator.message();

        assertEquals("message_start", types.get(0));
        assertEquals("message_stop", types.get(types.size() - 1));
        assertTrue(types.contains("content_block_delta") && types.contains("message_delta"), types.toString());
        assertEquals("Hello there!", message.content().get(0).asText().text());
        assertEquals(300, message.usage().outputTokens());
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
    }

    @Test
    void messages_toolUseRoundTrip_onAnthropic() throws Exception {
        anthropicUpstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages-tool-use.json")));
        anthropicUpstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages.json")));
        Tool weather = Tool.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .build();
        MessageCreateParams.Builder ask = MessageCreateParams.builder()
                .model("claude")
                .maxTokens(1024)
                .addTool(weather)
                .addUserMessage("Weather in SF?");

        Message first = anthropic.messages().create(ask.build());
        ToolUseBlock use = first.content().stream()
                .filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse)
                .findFirst()
                .orElseThrow();
        Message second = anthropic
                .messages()
                .create(ask.addMessage(first)
                        .addUserMessageOfContentBlockParams(
                                List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                        .toolUseId(use.id())
                                        .content("18 degrees, sunny")
                                        .build())))
                        .build());

        assertEquals(StopReason.TOOL_USE, first.stopReason().orElseThrow());
        assertEquals("toolu_01A09q90qw90lq917835lq9", use.id());
        assertEquals("San Francisco, CA", use._input().convert(Map.class).get("location"));
        JsonNode tools =
                JSON.readTree(anthropicUpstream.requests().get(0).body()).path("tools");
        assertEquals("get_weather", tools.path(0).path("name").asText());
        JsonNode turns =
                JSON.readTree(anthropicUpstream.requests().get(1).body()).path("messages");
        JsonNode result = turns.get(turns.size() - 1).path("content").path(0);
        assertEquals("tool_result", result.path("type").asText());
        assertEquals("toolu_01A09q90qw90lq917835lq9", result.path("tool_use_id").asText());
        assertEquals("18 degrees, sunny", result.path("content").asText());
        assertEquals(
                "Hello! How can I help you today?",
                second.content().get(0).asText().text());
    }

    @Test
    void messages_onANonAnthropicModel_streamsFromTheMock() {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic
                .messages()
                .createStreaming(MessageCreateParams.builder()
                        .model("mock-gpt")
                        .maxTokens(64)
                        .addUserMessage("bridge me")
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }

        Message message = accumulator.message();
        assertTrue(message.content().get(0).asText().text().contains("bridge me"));
        assertTrue(message.usage().outputTokens() > 0);
    }

    @Test
    void messages_wrongKey_isTheSdksAuthenticationError() {
        AnthropicClient stranger = AnthropicOkHttpClient.builder()
                .baseUrl(gateway.baseUrl().replace("/v1", ""))
                .apiKey("sk-not-a-key")
                .maxRetries(0)
                .build();
        try {
            assertThrows(
                    com.anthropic.errors.UnauthorizedException.class,
                    () -> stranger.messages()
                            .create(MessageCreateParams.builder()
                                    .model("mock-claude")
                                    .maxTokens(10)
                                    .addUserMessage("hi")
                                    .build()));
        } finally {
            stranger.close();
        }
    }

    @Test
    void messages_countTokens_countsTheBridgedRequest() throws Exception {
        HttpResponse<String> r = post(
                "/v1/messages/count_tokens",
                "{\"model\":\"mock-claude\",\"messages\":[{\"role\":\"user\",\"content\":\"count these words\"}]}",
                MASTER);

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).path("input_tokens").asInt() > 3);
    }

    // ------------------------------------------------------------------ Responses API

    @Test
    void responses_onTheMock_textUsageAndExactCost() throws Exception {
        HttpResponseFor<Response> raw = openAi.responses()
                .withRawResponse()
                .create(ResponseCreateParams.builder()
                        .model("mock-gpt")
                        .instructions("Be brief.")
                        .input("Hello Responses")
                        .build());
        Response response = raw.parse();

        String text = response.output()
                .get(0)
                .asMessage()
                .content()
                .get(0)
                .asOutputText()
                .text();
        assertTrue(text.contains("Hello Responses"), text);
        long input = response.usage().orElseThrow().inputTokens();
        long output = response.usage().orElseThrow().outputTokens();
        // gpt-4o-mini: $0.15/M input, $0.60/M output
        BigDecimal expected = new BigDecimal("0.00000015")
                .multiply(BigDecimal.valueOf(input))
                .add(new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(output)));
        assertEquals(0, expected.compareTo(cost(raw.headers().values("x-tollgate-response-cost"))));
        JsonNode line = spendLog(raw.headers().values("x-tollgate-request-id").get(0));
        assertEquals("responses", line.path("call_type").asText());
        assertEquals(
                "openai-java",
                line.path("client").asText(),
                line.path("user_agent").asText());
        assertEquals(0, expected.compareTo(line.path("cost").decimalValue()));
    }

    @Test
    void responses_streamed_deltasThenCompletedWithUsage() {
        StringBuilder text = new StringBuilder();
        List<Response> completed = new ArrayList<>();
        try (var stream = openAi.responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model("mock-gpt")
                        .input("Stream the response")
                        .build())) {
            stream.stream().forEach((ResponseStreamEvent event) -> {
                event.outputTextDelta().ifPresent(d -> text.append(d.delta()));
                event.completed().ifPresent(c -> completed.add(c.response()));
            });
        }

        assertTrue(text.toString().contains("Stream the response"), text.toString());
        assertEquals(1, completed.size());
        assertTrue(completed.get(0).usage().orElseThrow().outputTokens() > 0);
    }

    @Test
    void responses_functionCallRoundTrip_continuesFromThePreviousResponse() throws Exception {
        openAiUpstream.enqueue(
                Reply.json(200, FakeUpstream.resource("/upstream/azure/chat-completion-tool-calls.json")));
        openAiUpstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/openai/chat-completion.json")));
        FunctionTool weather = FunctionTool.builder()
                .name("get_weather")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", com.openai.core.JsonValue.from("object"))
                        .putAdditionalProperty(
                                "properties",
                                com.openai.core.JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .strict(false)
                .build();

        Response first = openAi.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt")
                        .input("Weather in Boston?")
                        .addTool(weather)
                        .build());
        ResponseFunctionToolCall call = first.output().stream()
                .filter(o -> o.isFunctionCall())
                .map(o -> o.asFunctionCall())
                .findFirst()
                .orElseThrow();
        Response second = openAi.responses()
                .create(ResponseCreateParams.builder()
                        .model("gpt")
                        .previousResponseId(first.id())
                        .inputOfResponse(List.of(
                                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                        .callId(call.callId())
                                        .output("12 degrees, rain")
                                        .build())))
                        .addTool(weather)
                        .build());

        assertEquals("get_weather", call.name());
        assertEquals("call_8W5L3nVjG1nRxD3kzQxVw2Zr", call.callId());
        assertEquals("{\"location\":\"Boston, MA\"}", call.arguments());
        JsonNode messages =
                JSON.readTree(openAiUpstream.requests().get(1).body()).path("messages");
        assertEquals("user", messages.get(0).path("role").asText(), "the stored conversation comes first");
        assertEquals("Weather in Boston?", messages.get(0).path("content").asText());
        assertEquals(
                "call_8W5L3nVjG1nRxD3kzQxVw2Zr",
                messages.get(1).path("tool_calls").path(0).path("id").asText());
        assertEquals("tool", messages.get(2).path("role").asText());
        assertEquals("12 degrees, rain", messages.get(2).path("content").asText());
        assertFalse(second.output().isEmpty());
        assertEquals(first.id(), second.previousResponseId().orElseThrow());
    }

    @Test
    void responses_storedResponse_isReadableOnlyByItsKey() throws Exception {
        Response created = openAi.responses()
                .create(ResponseCreateParams.builder()
                        .model("mock-gpt")
                        .input("keep me")
                        .build());
        String otherKey = JSON.readTree(post("/key/generate", "{}", MASTER).body())
                .path("key")
                .asText();
        OpenAIClient other = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(otherKey)
                .maxRetries(0)
                .build();
        try {
            assertEquals(created.id(), openAi.responses().retrieve(created.id()).id());
            assertThrows(NotFoundException.class, () -> other.responses().retrieve(created.id()));
            assertThrows(NotFoundException.class, () -> other.responses().delete(created.id()));
            openAi.responses().delete(created.id());
            assertThrows(NotFoundException.class, () -> openAi.responses().retrieve(created.id()));
        } finally {
            other.close();
        }
    }

    @Test
    void responses_wrongKey_isTheSdksUnauthorizedError() {
        OpenAIClient stranger = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey("sk-not-a-key")
                .maxRetries(0)
                .build();
        try {
            assertThrows(
                    UnauthorizedException.class,
                    () -> stranger.responses()
                            .create(ResponseCreateParams.builder()
                                    .model("mock-gpt")
                                    .input("hi")
                                    .build()));
        } finally {
            stranger.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String eventType(RawMessageStreamEvent event) {
        if (event.isMessageStart()) {
            return "message_start";
        }
        if (event.isContentBlockStart()) {
            return "content_block_start";
        }
        if (event.isContentBlockDelta()) {
            return "content_block_delta";
        }
        if (event.isContentBlockStop()) {
            return "content_block_stop";
        }
        if (event.isMessageDelta()) {
            return "message_delta";
        }
        return "message_stop";
    }

    private static BigDecimal cost(List<String> header) {
        assertEquals(1, header.size(), "one cost header");
        return new BigDecimal(header.get(0));
    }

    /** The spend-log line of a request, as /spend/logs returns it once the call has settled. */
    private static JsonNode spendLog(String requestId) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl().replace("/v1", "") + "/spend/logs?limit=1000"))
                            .header("authorization", "Bearer " + MASTER)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode line : JSON.readTree(r.body()).path("data")) {
                if (requestId.equals(line.path("request_id").asText())) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no spend-log line for " + requestId);
    }

    private static HttpResponse<String> post(String path, String body, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl().replace("/v1", "") + path))
                        .header("authorization", "Bearer " + key)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
