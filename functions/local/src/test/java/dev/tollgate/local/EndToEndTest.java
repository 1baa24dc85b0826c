package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import dev.tollgate.gateway.testing.FakeUpstream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local gateway (DynamoDB Local + S3Proxy in-process, Netty) driven by the official OpenAI Java SDK,
 * against the built-in mock model and a loopback OpenAI-compatible upstream.
 */
class EndToEndTest {
    private static final String MASTER = "sk-e2e-master-key";
    private static FakeUpstream upstream;
    private static LocalGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        String config = """
                models:
                  - name: mock-gpt-4o-mini
                    provider: mock
                    base_model: gpt-4o-mini
                  - name: mock-embedding
                    provider: mock
                    base_model: text-embedding-3-small
                  - name: gpt-4o-mini
                    provider: openai
                    api_base: %s
                    api_key: sk-upstream
                """.formatted(upstream.baseUrl());
        gateway = LocalGateway.start(LocalOptions.inMemory(config, MASTER));
        client = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(MASTER)
                .maxRetries(0)
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
        upstream.close();
    }

    @Test
    void chat_withMockModel_returnsReplyUsageAndCostHeader() {
        HttpResponseFor<ChatCompletion> raw = client.chat()
                .completions()
                .withRawResponse()
                .create(ChatCompletionCreateParams.builder()
                        .model("mock-gpt-4o-mini")
                        .addUserMessage("Hello Tollgate")
                        .build());
        ChatCompletion completion = raw.parse();

        assertTrue(completion.choices().get(0).message().content().orElseThrow().contains("Hello Tollgate"));
        long prompt = completion.usage().orElseThrow().promptTokens();
        long output = completion.usage().orElseThrow().completionTokens();
        assertTrue(prompt > 0 && output > 0);
        // gpt-4o-mini prices: $0.15/M input, $0.60/M output
        BigDecimal expected = new BigDecimal("0.00000015")
                .multiply(BigDecimal.valueOf(prompt))
                .add(new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(output)));
        assertEquals(
                0,
                expected.compareTo(new BigDecimal(
                        raw.headers().values("x-tollgate-response-cost").get(0))));
        assertTrue(!raw.headers().values("x-tollgate-request-id").isEmpty());
    }

    @Test
    void chat_streamedWithUsage_deliversChunksThenUsage() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("mock-gpt-4o-mini")
                .addUserMessage("Stream please")
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunks::add);
        }

        String text = chunks.stream()
                .flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertTrue(text.contains("Stream please"), text);
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty());
        assertTrue(last.usage().orElseThrow().completionTokens() > 0);
    }

    @Test
    void chat_streamedFromOpenAiCompatibleUpstream_relaysAllChunks() {
        upstream.enqueue(
                FakeUpstream.Reply.sse(FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), 20));
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat()
                .completions()
                .createStreaming(ChatCompletionCreateParams.builder()
                        .model("gpt-4o-mini")
                        .addUserMessage("hi")
                        .build())) {
            stream.stream().forEach(chunks::add);
        }

        String text = chunks.stream()
                .flatMap(c -> c.choices().stream())
                .map(c -> c.delta().content().orElse(""))
                .collect(Collectors.joining());
        assertEquals("Hello there!", text);
        assertTrue(chunks.stream().allMatch(c -> c.usage().isEmpty()), "usage chunk hidden: client did not ask");
    }

    @Test
    void wrongKey_surfacesAsUnauthorizedException() {
        OpenAIClient wrong = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey("sk-nope")
                .maxRetries(0)
                .build();
        try {
            UnauthorizedException e = assertThrows(
                    UnauthorizedException.class,
                    () -> wrong.chat()
                            .completions()
                            .create(ChatCompletionCreateParams.builder()
                                    .model("mock-gpt-4o-mini")
                                    .addUserMessage("x")
                                    .build()));
            assertEquals(401, e.statusCode());
        } finally {
            wrong.close();
        }
    }

    @Test
    void unknownModel_surfacesAsNotFoundException() {
        NotFoundException e = assertThrows(
                NotFoundException.class,
                () -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("gpt-4o-mimi")
                                .addUserMessage("x")
                                .build()));

        assertEquals(404, e.statusCode());
        assertTrue(e.getMessage().contains("gpt-4o-mini"), e.getMessage());
    }

    @Test
    void badRequest_surfacesAsBadRequestException() {
        BadRequestException e = assertThrows(
                BadRequestException.class,
                () -> client.chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("mock-gpt-4o-mini")
                                .addUserMessage("x")
                                .maxTokens(0)
                                .build()));

        assertEquals(400, e.statusCode());
    }

    @Test
    void embeddings_andModels_work() {
        CreateEmbeddingResponse embedding = client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model("mock-embedding")
                        .input("hello")
                        .build());
        List<String> models =
                client.models().list().data().stream().map(Model::id).toList();

        assertTrue(embedding.data().get(0).embedding().size() > 0);
        assertTrue(embedding.usage().promptTokens() > 0);
        assertEquals(List.of("mock-gpt-4o-mini", "mock-embedding", "gpt-4o-mini"), models);
    }

    @Test
    void health_reportsBothStandIns() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertEquals(200, health.statusCode());
        assertTrue(
                health.body().startsWith("{\"status\":\"ok\",\"storage\":{\"dynamodb\":\"ok\",\"s3\":\"ok\"},"),
                health.body());
        // the response cache's line (docs/caching.md): this instance's hits, misses and hit rate
        assertTrue(health.body().contains("\"cache\":{\"entries\":null,\"hits\":"), health.body());
    }
}
