package dev.tollgate.gateway.providers.mock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.config.MockSettings;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.Provider;
import dev.tollgate.gateway.providers.UpstreamErrors;
import dev.tollgate.gateway.providers.UpstreamRequest;
import dev.tollgate.gateway.providers.UpstreamResponse;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.pricing.TokenCounter;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in mock model: a real {@link Provider} that answers in OpenAI's shapes with no network.
 * Replies are deterministic; usage is realistic (prompt tokens counted with the tokenizer, completion
 * tokens the length of the reply, cut to {@code max_tokens} with {@code finish_reason: length}).
 * Latency, time to first token and failures are set per model in {@code tollgate.yml} ({@code mock:}).
 */
@Singleton
public class MockProvider implements Provider {
    private static final String TOKENIZER_MODEL = "gpt-4o-mini";
    private final ObjectMapper json;
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    public MockProvider(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String id() {
        return "mock";
    }

    @Override
    public UpstreamResponse complete(UpstreamRequest request) {
        MockSettings settings = request.deployment().mockOrDefault();
        failIfConfigured(request, settings);
        pause(settings.latency(), request.timeout());
        if (request.operation() == UpstreamRequest.Operation.EMBEDDINGS) {
            return new UpstreamResponse(embeddings(request), 1);
        }
        MockCompletion completion = MockCompletion.of(request.body(), settings);
        ObjectNode body = MockChunks.envelope(
                json,
                completion.id(),
                "chat.completion",
                request.body().path("model").asText());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", completion.text());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", completion.finishReason());
        body.set("usage", MockChunks.usage(json, completion.promptTokens(), completion.completionTokens()));
        body.put("system_fingerprint", "fp_tollgate_mock");
        return new UpstreamResponse(body, 1);
    }

    @Override
    public UpstreamStream stream(UpstreamRequest request) {
        MockSettings settings = request.deployment().mockOrDefault();
        failIfConfigured(request, settings);
        MockCompletion completion = MockCompletion.of(request.body(), settings);
        boolean includeUsage =
                request.body().path("stream_options").path("include_usage").asBoolean(false);
        List<String> chunks =
                MockChunks.stream(json, completion, request.body().path("model").asText(), includeUsage);
        pause(settings.ttft(), request.timeout());
        return new UpstreamStream() {
            private int next;
            private volatile boolean closed;

            @Override
            public String next() {
                if (closed || next >= chunks.size()) {
                    return null;
                }
                if (next > 0) {
                    pause(settings.chunkDelay(), request.timeout());
                }
                return chunks.get(next++);
            }

            @Override
            public int attempts() {
                return 1;
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    private ObjectNode embeddings(UpstreamRequest request) {
        JsonNode input = request.body().path("input");
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(t -> texts.add(t.isTextual() ? t.asText() : t.toString()));
        } else {
            texts.add(input.asText());
        }
        int dims = request.body().path("dimensions").asInt(16);
        boolean base64 = "base64".equals(request.body().path("encoding_format").asText());
        ObjectNode body = json.createObjectNode();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            float[] vector = MockChunks.vector(texts.get(i), dims);
            if (base64) {
                ByteBuffer buffer = ByteBuffer.allocate(dims * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : vector) {
                    buffer.putFloat(v);
                }
                item.put("embedding", Base64.getEncoder().encodeToString(buffer.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
            tokens += TokenCounter.countText(TOKENIZER_MODEL, texts.get(i));
        }
        body.put("model", request.body().path("model").asText());
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        return body;
    }

    private void failIfConfigured(UpstreamRequest request, MockSettings settings) {
        if (settings.hangMs() != null) {
            pause(settings.hangMs(), request.timeout());
        }
        if (settings.failStatus() == null) {
            return;
        }
        int limit = settings.failTimes() == null ? 0 : settings.failTimes();
        AtomicInteger count = failures.computeIfAbsent(request.deployment().name(), k -> new AtomicInteger());
        int attempts = 1 + Math.max(0, request.maxRetries());
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (limit > 0 && count.get() >= limit) {
                return;
            }
            count.incrementAndGet();
            int status = settings.failStatus();
            boolean retryable = status == 429 || status >= 500;
            if (!retryable || attempt == attempts) {
                throw UpstreamErrors.from(
                        status,
                        "{\"error\":{\"message\":\"mock failure " + status
                                + "\",\"type\":\"mock_error\",\"param\":null,\"code\":\"mock_" + status + "\"}}",
                        "mock",
                        attempt);
            }
        }
    }

    /** Waits, as a slow upstream would; past the call's timeout the wait ends in a 504, as a real upstream's would. */
    private static void pause(int millis, Duration timeout) {
        if (millis <= 0) {
            return;
        }
        long wait = Math.min(millis, timeout.toMillis());
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.upstreamUnavailable("mock interrupted");
        }
        if (millis > timeout.toMillis()) {
            throw GatewayException.upstreamTimeout("Upstream mock did not answer within " + timeout.toMillis() + " ms");
        }
    }
}
