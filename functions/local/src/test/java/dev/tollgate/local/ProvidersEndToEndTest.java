package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.tollgate.gateway.providers.bedrock.BedrockFake;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.FakeUpstream.Reply;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One local gateway (DynamoDB Local + S3Proxy in-process, Netty) in front of an Anthropic-, an Azure-
 * and a Bedrock-shaped upstream on loopback, driven by the official OpenAI Java SDK: plain and streamed
 * chat completions, tool calls both ways, and a failing primary served by its fallback at the fallback's
 * price. The fakes replay recorded shapes whatever they are sent, so the requests they received are
 * checked too. The SDK validates every response and chunk it parses ({@code responseValidation(true)}).
 */
class ProvidersEndToEndTest {
    private static final String MASTER = "sk-e2e-providers-master";
    private static final String BEDROCK_MODEL_ID = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeUpstream anthropic;
    private static FakeUpstream azure;
    private static BedrockFake bedrock;
    private static LocalGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        // Bedrock is signed with the default credentials chain, which reads these first (the role on Lambda).
        System.setProperty("aws.accessKeyId", "AKIDTOLLGATEE2E");
        System.setProperty("aws.secretAccessKey", "tollgate-e2e-secret");
        anthropic = new FakeUpstream();
        azure = new FakeUpstream();
        bedrock = new BedrockFake();
        String config = """
                models:
                  - name: claude
                    provider: anthropic
                    model: claude-sonnet-4-5-20250929
                    api_base: %1$s
                    api_key: sk-ant-upstream-secret
                    max_retries: 0
                  - name: azure-gpt-4o-mini
                    provider: azure
                    model: gpt4o-mini-prod
                    base_model: azure/gpt-4o-mini
                    api_base: %2$s
                    api_key: azure-upstream-secret
                    api_version: "2024-10-21"
                    max_retries: 0
                  - name: claude-bedrock
                    provider: bedrock
                    model: "%3$s"
                    region: us-west-2
                    api_base: %4$s
                    max_retries: 0
                    timeout_seconds: 10
                  - name: primary
                    provider: mock
                    base_model: gpt-4o-mini
                    max_retries: 0
                    mock: {fail_status: 503}
                router_settings:
                  fallbacks: {primary: [claude]}
                """.formatted(
                        anthropic.baseUrl().replace("/v1", ""),
                        azure.baseUrl().replace("/v1", ""),
                        BEDROCK_MODEL_ID,
                        bedrock.endpoint());
        gateway = LocalGateway.start(LocalOptions.inMemory(config, MASTER));
        client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(MASTER)
                .maxRetries(0)
                .responseValidation(true)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            client.close();
            gateway.close();
        } finally {
            anthropic.close();
            azure.close();
            bedrock.close();
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @BeforeEach
    void reset() {
        anthropic.reset();
        anthropic.byDefault(Reply.json(
                500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"no reply queued\"}}"));
        azure.reset();
        azure.byDefault(
                Reply.json(500, "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"no reply queued\"}}"));
        bedrock.reset();
    }

    // ---------------------------------------------------------------- Anthropic

    @Test
    void anthropic_chat_contentUsageAndCost() throws Exception {
        anthropic.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages.json")));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude")
                        .addSystemMessage("Be brief.")
                        .addUserMessage("hi")
                        .build());
        ChatCompletion completion = raw.parse();

        FakeUpstream.Recorded sent = single(anthropic);
        assertEquals("/v1/messages", sent.path());
        assertEquals("sk-ant-upstream-secret", sent.header("x-api-key"));
        assertNull(sent.header("authorization"), "the client's master key is not passed upstream");
        JsonNode body = JSON.readTree(sent.body());
        assertEquals("claude-sonnet-4-5-20250929", body.path("model").asText());
        assertEquals(
                "Be brief.", body.path("system").path(0).path("text").asText(), "system prompt lifted out of messages");
        assertEquals("user", body.path("messages").path(0).path("role").asText());
        assertEquals(1, body.path("messages").size());
        assertTrue(body.path("max_tokens").asInt() > 0, "Anthropic requires max_tokens");

        assertEquals(
                "Hello! How can I help you today?",
                completion.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP,
                completion.choices().get(0).finishReason());
        CompletionUsage usage = completion.usage().orElseThrow();
        assertEquals(5200, usage.promptTokens(), "input 1200 + cache read 4000");
        assertEquals(300, usage.completionTokens());
        assertEquals(5500, usage.totalTokens());
        assertEquals(
                4000L, usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow());
        // claude-sonnet-4-5-20250929: $3/M in, $0.30/M cache read, $15/M out.
        // 1200 × 0.000003 = 0.0036; 4000 × 0.0000003 = 0.0012; 300 × 0.000015 = 0.0045; total 0.0093
        assertCost("0.0093", raw);
        assertEquals("claude", header(raw, "x-tollgate-model-used"));
    }

    @Test
    void anthropic_stream_textDeltasThenUsageChunk() throws Exception {
        anthropic.enqueue(Reply.sse(FakeUpstream.resource("/upstream/anthropic/messages-stream.sse"), 5));

        List<ChatCompletionChunk> chunks =
                stream(streamed("claude").addUserMessage("hi").build());

        JsonNode body = JSON.readTree(single(anthropic).body());
        assertTrue(body.path("stream").asBoolean());
        assertFalse(body.has("stream_options"), "Anthropic rejects fields it does not know");
        assertEquals("Hello there!", text(chunks));
        assertEquals("msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY", chunks.get(0).id());
        assertEquals(ChatCompletionChunk.Choice.FinishReason.STOP, finishReason(chunks));
        CompletionUsage usage = finalUsage(chunks);
        assertEquals(5200, usage.promptTokens());
        assertEquals(300, usage.completionTokens(), "output tokens from message_delta, not message_start");
        assertEquals(5500, usage.totalTokens());
    }

    @Test
    void anthropic_toolUse_roundTrip() throws Exception {
        anthropic.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages-tool-use.json")));
        anthropic.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages.json")));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude")
                        .addFunctionTool(weatherTool())
                        .addUserMessage("Weather in SF?")
                        .build());
        ChatCompletion first = raw.parse();

        JsonNode tools = JSON.readTree(anthropic.requests().get(0).body()).path("tools");
        assertEquals("get_weather", tools.path(0).path("name").asText());
        assertEquals(
                "Current weather for a city", tools.path(0).path("description").asText());
        assertEquals(
                "string",
                tools.path(0)
                        .path("input_schema")
                        .path("properties")
                        .path("location")
                        .path("type")
                        .asText());
        assertEquals(
                "location",
                tools.path(0).path("input_schema").path("required").path(0).asText());

        ChatCompletionMessage message = first.choices().get(0).message();
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                first.choices().get(0).finishReason());
        assertEquals(
                "I'll check the current weather in San Francisco for you.",
                message.content().orElseThrow());
        ChatCompletionMessageFunctionToolCall call = onlyCall(message);
        assertEquals("toolu_01A09q90qw90lq917835lq9", call.id());
        assertEquals("get_weather", call.function().name());
        JsonNode arguments = JSON.readTree(call.function().arguments());
        assertEquals("San Francisco, CA", arguments.path("location").asText());
        assertEquals("celsius", arguments.path("unit").asText());
        assertEquals(3595, first.usage().orElseThrow().promptTokens(), "input 2095 + cache write 1500");
        // claude-sonnet-4-5, cache writes at the 5-minute write rate ($3.75/M):
        //   2095 × 0.000003 = 0.006285; 1500 × 0.00000375 = 0.005625; 503 × 0.000015 = 0.007545; total 0.019455
        assertCost("0.019455", raw);

        ChatCompletion second = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude")
                        .addFunctionTool(weatherTool())
                        .addUserMessage("Weather in SF?")
                        .addMessage(message)
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(call.id())
                                .content("18°C, sunny")
                                .build())
                        .build());

        JsonNode messages = JSON.readTree(anthropic.requests().get(1).body()).path("messages");
        assertEquals(3, messages.size(), messages.toString());
        JsonNode assistant = messages.path(1);
        assertEquals("assistant", assistant.path("role").asText());
        JsonNode use = block(assistant, "tool_use");
        assertTrue(use != null, assistant.toString());
        assertEquals("toolu_01A09q90qw90lq917835lq9", use.path("id").asText());
        assertEquals("get_weather", use.path("name").asText());
        assertEquals(
                "San Francisco, CA",
                use.path("input").path("location").asText(),
                "arguments string becomes an input object");
        JsonNode result = messages.path(2);
        assertEquals("user", result.path("role").asText());
        assertEquals("tool_result", result.path("content").path(0).path("type").asText());
        assertEquals(
                "toolu_01A09q90qw90lq917835lq9",
                result.path("content").path(0).path("tool_use_id").asText());
        assertEquals(
                "18°C, sunny", result.path("content").path(0).path("content").asText());
        assertEquals(
                "Hello! How can I help you today?",
                second.choices().get(0).message().content().orElseThrow());
    }

    @Test
    void anthropic_streamedToolUse_becomesToolCallDeltas() throws Exception {
        anthropic.enqueue(Reply.sse(FakeUpstream.resource("/upstream/anthropic/messages-stream-tool-use.sse"), 0));

        List<ChatCompletionChunk> chunks = stream(streamed("claude")
                .addFunctionTool(weatherTool())
                .addUserMessage("Weather in SF?")
                .build());

        assertEquals(
                "get_weather",
                JSON.readTree(single(anthropic).body())
                        .path("tools")
                        .path(0)
                        .path("name")
                        .asText());
        assertEquals("Okay, let's check the weather for San Francisco, CA:", text(chunks));
        assertEquals(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS, finishReason(chunks));
        StreamedCall call = streamedCall(chunks);
        assertEquals("toolu_01T1x1fJ34qAmk2tNTrN7Up6", call.id());
        assertEquals("get_weather", call.name());
        JsonNode arguments = JSON.readTree(call.arguments());
        assertEquals("San Francisco, CA", arguments.path("location").asText());
        assertEquals("fahrenheit", arguments.path("unit").asText());
        assertEquals(472, finalUsage(chunks).promptTokens());
        assertEquals(89, finalUsage(chunks).completionTokens());
    }

    // ---------------------------------------------------------------- Azure OpenAI

    @Test
    void azure_chat_contentUsageAndCost() throws Exception {
        azure.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/azure/chat-completion.json")));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("azure-gpt-4o-mini")
                        .addUserMessage("hi")
                        .build());
        ChatCompletion completion = raw.parse();

        FakeUpstream.Recorded sent = single(azure);
        assertEquals("/openai/deployments/gpt4o-mini-prod/chat/completions", sent.path());
        assertEquals("azure-upstream-secret", sent.header("api-key"));
        assertNull(sent.header("authorization"), "Azure's key header, not a bearer token");
        assertEquals(
                "hi",
                JSON.readTree(sent.body())
                        .path("messages")
                        .path(0)
                        .path("content")
                        .asText());

        assertEquals(
                "Hello! How can I help you today?",
                completion.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP,
                completion.choices().get(0).finishReason());
        assertTrue(
                completion._additionalProperties().containsKey("prompt_filter_results"),
                "Azure's filter results are kept");
        CompletionUsage usage = completion.usage().orElseThrow();
        assertEquals(1200, usage.promptTokens());
        assertEquals(300, usage.completionTokens());
        assertEquals(1500, usage.totalTokens());
        assertEquals(
                1024L, usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow());
        // azure/gpt-4o-mini: $0.165/M in, $0.075/M cached in, $0.66/M out.
        // (1200 - 1024) × 0.000000165 = 0.00002904; 1024 × 0.000000075 = 0.0000768; 300 × 0.00000066 = 0.000198
        // total 0.00030384
        assertCost("0.00030384", raw);
    }

    @Test
    void azure_stream_textDeltasThenUsageChunk() throws Exception {
        azure.enqueue(Reply.sse(FakeUpstream.resource("/upstream/azure/chat-completion-stream.sse"), 5));

        List<ChatCompletionChunk> chunks =
                stream(streamed("azure-gpt-4o-mini").addUserMessage("hi").build());

        FakeUpstream.Recorded sent = single(azure);
        assertEquals("/openai/deployments/gpt4o-mini-prod/chat/completions", sent.path());
        assertTrue(JSON.readTree(sent.body())
                .path("stream_options")
                .path("include_usage")
                .asBoolean());
        assertEquals(
                JsonValue.from("chat.completion.chunk"),
                chunks.get(0)._object_(),
                "Azure's filter-only first chunk gets OpenAI's envelope");
        assertEquals("Hello there!", text(chunks));
        assertEquals(ChatCompletionChunk.Choice.FinishReason.STOP, finishReason(chunks));
        CompletionUsage usage = finalUsage(chunks);
        assertEquals(1000, usage.promptTokens());
        assertEquals(200, usage.completionTokens());
        assertEquals(1200, usage.totalTokens());
    }

    @Test
    void azure_toolCalls_roundTrip() throws Exception {
        azure.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/azure/chat-completion-tool-calls.json")));
        azure.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/azure/chat-completion.json")));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("azure-gpt-4o-mini")
                        .addFunctionTool(weatherTool())
                        .addUserMessage("Weather in Boston?")
                        .build());
        ChatCompletion first = raw.parse();

        JsonNode tool =
                JSON.readTree(azure.requests().get(0).body()).path("tools").path(0);
        assertEquals("function", tool.path("type").asText());
        assertEquals("get_weather", tool.path("function").path("name").asText());
        assertEquals(
                "string",
                tool.path("function")
                        .path("parameters")
                        .path("properties")
                        .path("location")
                        .path("type")
                        .asText());

        ChatCompletionMessage message = first.choices().get(0).message();
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                first.choices().get(0).finishReason());
        ChatCompletionMessageFunctionToolCall call = onlyCall(message);
        assertEquals("call_8W5L3nVjG1nRxD3kzQxVw2Zr", call.id());
        assertEquals("get_weather", call.function().name());
        assertEquals(
                "Boston, MA",
                JSON.readTree(call.function().arguments()).path("location").asText());
        // azure/gpt-4o-mini: 81 × 0.000000165 = 0.000013365; 17 × 0.00000066 = 0.00001122; total 0.000024585
        assertCost("0.000024585", raw);

        ChatCompletion second = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("azure-gpt-4o-mini")
                        .addFunctionTool(weatherTool())
                        .addUserMessage("Weather in Boston?")
                        .addMessage(message)
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(call.id())
                                .content("12°C")
                                .build())
                        .build());

        JsonNode messages = JSON.readTree(azure.requests().get(1).body()).path("messages");
        assertEquals(
                "call_8W5L3nVjG1nRxD3kzQxVw2Zr",
                messages.path(1).path("tool_calls").path(0).path("id").asText());
        assertEquals(
                "get_weather",
                messages.path(1)
                        .path("tool_calls")
                        .path(0)
                        .path("function")
                        .path("name")
                        .asText());
        assertEquals("tool", messages.path(2).path("role").asText());
        assertEquals(
                "call_8W5L3nVjG1nRxD3kzQxVw2Zr",
                messages.path(2).path("tool_call_id").asText());
        assertEquals("12°C", messages.path(2).path("content").asText());
        assertEquals(
                "Hello! How can I help you today?",
                second.choices().get(0).message().content().orElseThrow());
    }

    @Test
    void azure_streamedToolCalls_areRelayed() throws Exception {
        // Azure's tool-call stream: the filter-only chunk, then OpenAI-shaped tool_call deltas, then usage.
        azure.enqueue(Reply.sse(FakeUpstream.resource("/e2e/azure-chat-completion-stream-tool-calls.sse"), 0));

        List<ChatCompletionChunk> chunks = stream(streamed("azure-gpt-4o-mini")
                .addFunctionTool(weatherTool())
                .addUserMessage("Weather in Boston?")
                .build());

        assertEquals(
                "get_weather",
                JSON.readTree(single(azure).body())
                        .path("tools")
                        .path(0)
                        .path("function")
                        .path("name")
                        .asText());
        assertEquals(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS, finishReason(chunks));
        StreamedCall call = streamedCall(chunks);
        assertEquals("call_Xy7uQ2bW9mKc4LrT0aSd1NfE", call.id());
        assertEquals("get_weather", call.name());
        assertEquals(
                "Boston, MA", JSON.readTree(call.arguments()).path("location").asText());
        assertEquals(81, finalUsage(chunks).promptTokens());
        assertEquals(17, finalUsage(chunks).completionTokens());
    }

    // ---------------------------------------------------------------- Amazon Bedrock

    @Test
    void bedrock_converse_contentUsageAndCost() throws Exception {
        bedrock.enqueue(BedrockFake.Reply.json("/upstream/bedrock/converse.json"));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-bedrock")
                        .addSystemMessage("Be brief.")
                        .addUserMessage("hi")
                        .maxCompletionTokens(256)
                        .temperature(0.2)
                        .build());
        ChatCompletion completion = raw.parse();

        BedrockFake.Recorded sent = singleBedrock();
        assertEquals("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse", sent.rawPath());
        String authorization = sent.header("authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDTOLLGATEE2E/"), authorization);
        assertTrue(authorization.contains("/us-west-2/bedrock/aws4_request"), authorization);
        JsonNode body = sent.json();
        assertEquals("Be brief.", body.path("system").path(0).path("text").asText());
        assertEquals(
                "hi",
                body.path("messages")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("text")
                        .asText());
        assertEquals(256, body.path("inferenceConfig").path("maxTokens").asInt(), "max_completion_tokens → maxTokens");
        assertEquals(0.2, body.path("inferenceConfig").path("temperature").asDouble(), 1e-6);

        assertEquals(
                "Hello! How can I help you today?",
                completion.choices().get(0).message().content().orElseThrow());
        assertEquals(
                ChatCompletion.Choice.FinishReason.STOP,
                completion.choices().get(0).finishReason());
        CompletionUsage usage = completion.usage().orElseThrow();
        assertEquals(5200, usage.promptTokens(), "input 1200 + cache read 4000");
        assertEquals(300, usage.completionTokens());
        assertEquals(5500, usage.totalTokens());
        assertEquals(
                4000L, usage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow());
        // us.anthropic.claude-sonnet-4-5 (US cross-region inference profile): $3.30/M in, $0.33/M cache read, $16.50/M
        // out.
        // 1200 × 0.0000033 = 0.00396; 4000 × 0.00000033 = 0.00132; 300 × 0.0000165 = 0.00495; total 0.01023
        assertCost("0.01023", raw);
    }

    @Test
    void bedrock_converseStream_textDeltasThenUsageChunk() throws Exception {
        bedrock.enqueue(BedrockFake.Reply.stream("/upstream/bedrock/converse-stream.json"));

        List<ChatCompletionChunk> chunks =
                stream(streamed("claude-bedrock").addUserMessage("hi").build());

        assertEquals(
                "/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream",
                singleBedrock().rawPath());
        assertEquals("Hello there!", text(chunks));
        assertEquals(ChatCompletionChunk.Choice.FinishReason.STOP, finishReason(chunks));
        CompletionUsage usage = finalUsage(chunks);
        assertEquals(5200, usage.promptTokens());
        assertEquals(300, usage.completionTokens());
        assertEquals(5500, usage.totalTokens());
    }

    @Test
    void bedrock_toolUse_roundTrip() throws Exception {
        bedrock.enqueue(BedrockFake.Reply.json("/upstream/bedrock/converse-tool-use.json"));
        bedrock.enqueue(BedrockFake.Reply.json("/upstream/bedrock/converse.json"));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-bedrock")
                        .addFunctionTool(weatherTool())
                        .addUserMessage("Weather in Seattle?")
                        .build());
        ChatCompletion first = raw.parse();

        JsonNode spec = bedrock.requests()
                .get(0)
                .json()
                .path("toolConfig")
                .path("tools")
                .path(0)
                .path("toolSpec");
        assertEquals("get_weather", spec.path("name").asText());
        assertEquals("Current weather for a city", spec.path("description").asText());
        assertEquals(
                "string",
                spec.path("inputSchema")
                        .path("json")
                        .path("properties")
                        .path("location")
                        .path("type")
                        .asText());

        ChatCompletionMessage message = first.choices().get(0).message();
        assertEquals(
                ChatCompletion.Choice.FinishReason.TOOL_CALLS,
                first.choices().get(0).finishReason());
        assertEquals("I'll look up the weather in Seattle.", message.content().orElseThrow());
        ChatCompletionMessageFunctionToolCall call = onlyCall(message);
        assertEquals("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", call.id());
        assertEquals("get_weather", call.function().name());
        JsonNode arguments = JSON.readTree(call.function().arguments());
        assertEquals("Seattle, WA", arguments.path("location").asText());
        assertEquals("celsius", arguments.path("unit").asText());
        // us.anthropic.claude-sonnet-4-5: 412 × 0.0000033 = 0.0013596; 87 × 0.0000165 = 0.0014355; total 0.0027951
        assertCost("0.0027951", raw);

        ChatCompletion second = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-bedrock")
                        .addFunctionTool(weatherTool())
                        .addUserMessage("Weather in Seattle?")
                        .addMessage(message)
                        .addMessage(ChatCompletionToolMessageParam.builder()
                                .toolCallId(call.id())
                                .content("9°C, rain")
                                .build())
                        .build());

        JsonNode messages = bedrock.requests().get(1).json().path("messages");
        assertEquals(3, messages.size(), messages.toString());
        JsonNode assistant = messages.path(1);
        assertEquals("assistant", assistant.path("role").asText());
        JsonNode use = null;
        for (JsonNode content : assistant.path("content")) {
            if (content.has("toolUse")) {
                use = content.get("toolUse");
            }
        }
        assertTrue(use != null, assistant.toString());
        assertEquals("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", use.path("toolUseId").asText());
        assertEquals("get_weather", use.path("name").asText());
        assertEquals("Seattle, WA", use.path("input").path("location").asText());
        JsonNode result = messages.path(2).path("content").path(0).path("toolResult");
        assertEquals("user", messages.path(2).path("role").asText());
        assertEquals("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", result.path("toolUseId").asText());
        assertEquals("9°C, rain", result.path("content").path(0).path("text").asText());
        assertEquals(
                "Hello! How can I help you today?",
                second.choices().get(0).message().content().orElseThrow());
    }

    @Test
    void bedrock_streamedToolUse_becomesToolCallDeltas() throws Exception {
        bedrock.enqueue(BedrockFake.Reply.stream("/upstream/bedrock/converse-stream-tool-use.json"));

        List<ChatCompletionChunk> chunks = stream(streamed("claude-bedrock")
                .addFunctionTool(weatherTool())
                .addUserMessage("Weather in Seattle?")
                .build());

        assertEquals(
                "get_weather",
                singleBedrock()
                        .json()
                        .path("toolConfig")
                        .path("tools")
                        .path(0)
                        .path("toolSpec")
                        .path("name")
                        .asText());
        assertEquals("Let me check.", text(chunks));
        assertEquals(ChatCompletionChunk.Choice.FinishReason.TOOL_CALLS, finishReason(chunks));
        StreamedCall call = streamedCall(chunks);
        assertEquals("tooluse_Qk3PgEB4Sa2oZ8OdzNzQ9g", call.id());
        assertEquals("get_weather", call.name());
        assertEquals(
                "Seattle, WA", JSON.readTree(call.arguments()).path("location").asText());
        assertEquals(412, finalUsage(chunks).promptTokens());
        assertEquals(87, finalUsage(chunks).completionTokens());
    }

    // ---------------------------------------------------------------- Fallback

    @Test
    void failingPrimary_isServedByTheAnthropicFallback_atTheFallbacksPrice() throws Exception {
        anthropic.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/anthropic/messages.json")));

        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("primary")
                        .addUserMessage("hi")
                        .build());
        ChatCompletion completion = raw.parse();

        assertEquals(
                "claude-sonnet-4-5-20250929",
                JSON.readTree(single(anthropic).body()).path("model").asText());
        assertEquals(
                "Hello! How can I help you today?",
                completion.choices().get(0).message().content().orElseThrow());
        assertEquals("claude", header(raw, "x-tollgate-model-used"));
        assertEquals("1", header(raw, "x-tollgate-attempted-fallbacks"));
        // Priced as the model that answered (claude-sonnet-4-5-20250929), from Anthropic's recorded usage:
        //   1200 × 0.000003 = 0.0036; 4000 × 0.0000003 = 0.0012; 300 × 0.000015 = 0.0045; total 0.0093.
        // At the primary's price (gpt-4o-mini: $0.15/M in, $0.075/M cached, $0.60/M out) it would have been
        //   1200 × 0.00000015 + 4000 × 0.000000075 + 300 × 0.0000006 = 0.00018 + 0.0003 + 0.00018 = 0.00066.
        assertCost("0.0093", raw);
        assertNotEquals(
                0, new BigDecimal("0.00066").compareTo(new BigDecimal(header(raw, "x-tollgate-response-cost"))));
    }

    @Test
    void failingPrimary_streamed_isServedByTheAnthropicFallback() throws Exception {
        anthropic.enqueue(Reply.sse(FakeUpstream.resource("/upstream/anthropic/messages-stream.sse"), 0));

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        HttpResponseFor<StreamResponse<ChatCompletionChunk>> raw = client.chat()
                .completions()
                .withRawResponse()
                .createStreaming(streamed("primary").addUserMessage("hi").build());
        try (StreamResponse<ChatCompletionChunk> stream = raw.parse()) {
            stream.stream().forEach(chunks::add);
        }

        assertEquals(1, anthropic.requests().size());
        assertEquals("claude", raw.headers().values("x-tollgate-model-used").get(0));
        assertEquals("Hello there!", text(chunks));
        assertEquals(5200, finalUsage(chunks).promptTokens());
        assertEquals(300, finalUsage(chunks).completionTokens());
    }

    // ---------------------------------------------------------------- helpers

    private static FunctionDefinition weatherTool() {
        return FunctionDefinition.builder()
                .name("get_weather")
                .description("Current weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty(
                                "properties",
                                JsonValue.from(Map.of(
                                        "location", Map.of("type", "string"),
                                        "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                        .build())
                .build();
    }

    private static ChatCompletionCreateParams.Builder streamed(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build());
    }

    private static List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }
        assertFalse(chunks.isEmpty());
        return chunks;
    }

    private static String text(List<ChatCompletionChunk> chunks) {
        return chunks.stream()
                .flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
    }

    private static ChatCompletionChunk.Choice.FinishReason finishReason(List<ChatCompletionChunk> chunks) {
        List<ChatCompletionChunk.Choice.FinishReason> reasons = chunks.stream()
                .flatMap(c -> c.choices().stream())
                .flatMap(c -> c.finishReason().stream())
                .toList();
        assertEquals(1, reasons.size(), "one finish_reason per stream: " + reasons);
        return reasons.get(0);
    }

    /** The last chunk: no choices, the usage (asked for with include_usage). Only that chunk has usage. */
    private static CompletionUsage finalUsage(List<ChatCompletionChunk> chunks) {
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty(), "the usage chunk has no choices");
        assertEquals(1, chunks.stream().filter(c -> c.usage().isPresent()).count(), "usage only in the final chunk");
        return last.usage().orElseThrow();
    }

    private record StreamedCall(String id, String name, String arguments) {}

    /** Joins the deltas of the one streamed tool call (index 0), as a client would. */
    private static StreamedCall streamedCall(List<ChatCompletionChunk> chunks) {
        Map<Long, StringBuilder> arguments = new LinkedHashMap<>();
        String id = null;
        String name = null;
        for (ChatCompletionChunk chunk : chunks) {
            for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                for (ChatCompletionChunk.Choice.Delta.ToolCall call :
                        choice.delta().toolCalls().orElse(List.of())) {
                    arguments.computeIfAbsent(call.index(), i -> new StringBuilder());
                    if (call.id().isPresent()) {
                        assertNull(id, "the id comes once");
                        id = call.id().get();
                    }
                    if (call.function().isPresent()) {
                        if (call.function().get().name().isPresent()) {
                            assertNull(name, "the name comes once");
                            name = call.function().get().name().get();
                        }
                        arguments
                                .get(call.index())
                                .append(call.function().get().arguments().orElse(""));
                    }
                }
            }
        }
        assertEquals(List.of(0L), List.copyOf(arguments.keySet()), "one tool call, index 0");
        return new StreamedCall(id, name, arguments.get(0L).toString());
    }

    private static ChatCompletionMessageFunctionToolCall onlyCall(ChatCompletionMessage message) {
        var calls = message.toolCalls().orElseThrow();
        assertEquals(1, calls.size());
        return calls.get(0).asFunction();
    }

    private static JsonNode block(JsonNode message, String type) {
        for (JsonNode content : message.path("content")) {
            if (type.equals(content.path("type").asText())) {
                return content;
            }
        }
        return null;
    }

    private static FakeUpstream.Recorded single(FakeUpstream upstream) {
        List<FakeUpstream.Recorded> requests = upstream.requests();
        assertEquals(1, requests.size(), "one upstream request");
        return requests.get(0);
    }

    private static BedrockFake.Recorded singleBedrock() {
        List<BedrockFake.Recorded> requests = bedrock.requests();
        assertEquals(1, requests.size(), "one upstream request");
        return requests.get(0);
    }

    private static String header(HttpResponseFor<?> raw, String name) {
        List<String> values = raw.headers().values(name);
        assertEquals(1, values.size(), name + ": " + values);
        return values.get(0);
    }

    private static void assertCost(String expected, HttpResponseFor<?> raw) {
        String actual = header(raw, "x-tollgate-response-cost");
        assertEquals(
                0,
                new BigDecimal(expected).compareTo(new BigDecimal(actual)),
                "cost " + actual + ", expected " + expected);
    }
}
