package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.tollgate.gateway.proxy.Settlements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The response cache as the official OpenAI Java SDK sees it on the local runtime: a complete answer, then the
 * same request streamed is replayed from the cache as ordinary chunks the SDK parses (usage included), with the
 * cache headers on both.
 */
class ResponseCacheSdkTest {
    private static final String MASTER = "sk-cache-sdk-master";
    private static LocalGateway gateway;
    private static OpenAIClient openAi;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory("""
                models:
                  - name: mock-gpt
                    provider: mock
                    base_model: gpt-4o-mini
                settings:
                  cache: {enabled: true}
                """, MASTER));
        openAi = OpenAIOkHttpClient.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey(MASTER)
                .maxRetries(0)
                .build();
    }

    private static void settled() {
        try {
            assertTrue(gateway.context().getBean(Settlements.class).awaitSettled(30_000), "settled");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        openAi.close();
        gateway.close();
    }

    @Test
    void streamedRequest_afterACompleteOne_isReplayedFromTheCache_throughTheSdk() {
        String prompt = "Tell me about caching " + UUID.randomUUID();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("mock-gpt")
                .temperature(0.0)
                .addUserMessage(prompt)
                .build();

        HttpResponseFor<ChatCompletion> miss =
                openAi.chat().completions().withRawResponse().create(params);
        ChatCompletion answer = miss.parse();
        settled(); // a miss's answer is stored with its settlement, after the response
        StringBuilder replayed = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        String cacheHeader;
        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> hit = openAi.chat()
                .completions()
                .withRawResponse()
                .createStreaming(params.toBuilder()
                        .streamOptions(ChatCompletionStreamOptions.builder()
                                .includeUsage(true)
                                .build())
                        .build())) {
            cacheHeader = hit.headers().values("x-tollgate-cache").get(0);
            try (StreamResponse<ChatCompletionChunk> stream = hit.parse()) {
                stream.stream().forEach(chunk -> {
                    chunks.add(chunk);
                    chunk.choices().forEach(c -> c.delta().content().ifPresent(replayed::append));
                });
            }
        }

        assertEquals("miss", miss.headers().values("x-tollgate-cache").get(0));
        assertTrue(
                new BigDecimal(miss.headers().values("x-tollgate-response-cost").get(0)).signum() > 0);
        assertEquals("hit", cacheHeader);
        assertEquals(answer.choices().get(0).message().content().orElseThrow(), replayed.toString());
        assertTrue(chunks.size() > 2, "replayed as several chunks");
        assertEquals(
                answer.usage().orElseThrow().totalTokens(),
                chunks.get(chunks.size() - 1).usage().orElseThrow().totalTokens());
    }
}
