package dev.tollgate.gateway.providers.mock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** OpenAI-shaped pieces of mock answers: envelopes, stream chunks, usage, embedding vectors. */
final class MockChunks {
    private MockChunks() {}

    static ObjectNode envelope(ObjectMapper json, String id, String object, String model) {
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("object", object);
        body.put("created", Instant.now().getEpochSecond());
        body.put("model", model);
        return body;
    }

    static ObjectNode usage(ObjectMapper json, int prompt, int completion) {
        ObjectNode usage = json.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        return usage;
    }

    /** The SSE data payloads of a streamed answer, as OpenAI sends them (role first, finish reason last, then usage if asked). */
    static List<String> stream(ObjectMapper json, MockCompletion c, String model, boolean includeUsage) {
        List<String> chunks = new ArrayList<>();
        ObjectNode first = chunk(json, c, model);
        ObjectNode firstDelta = firstChoice(first).putObject("delta");
        firstDelta.put("role", "assistant");
        firstDelta.put("content", "");
        firstDelta.putNull("refusal");
        firstChoice(first).putNull("finish_reason");
        chunks.add(first.toString());
        for (String piece : c.pieces()) {
            ObjectNode chunk = chunk(json, c, model);
            firstChoice(chunk).putObject("delta").put("content", piece);
            firstChoice(chunk).putNull("finish_reason");
            chunks.add(chunk.toString());
        }
        ObjectNode last = chunk(json, c, model);
        firstChoice(last).putObject("delta");
        firstChoice(last).put("finish_reason", c.finishReason());
        chunks.add(last.toString());
        if (includeUsage) {
            ObjectNode usage = envelope(json, c.id(), "chat.completion.chunk", model);
            usage.putArray("choices");
            usage.set("usage", usage(json, c.promptTokens(), c.completionTokens()));
            chunks.add(usage.toString());
        }
        return chunks;
    }

    private static ObjectNode chunk(ObjectMapper json, MockCompletion c, String model) {
        ObjectNode chunk = envelope(json, c.id(), "chat.completion.chunk", model);
        chunk.put("system_fingerprint", "fp_tollgate_mock");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        return chunk;
    }

    private static ObjectNode firstChoice(ObjectNode chunk) {
        return (ObjectNode) chunk.get("choices").get(0);
    }

    /** A deterministic unit-length vector derived from the text. */
    static float[] vector(String text, int dims) {
        float[] v = new float[Math.max(1, dims)];
        long seed = text.hashCode() * 0x9E3779B97F4A7C15L;
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            seed ^= seed << 13;
            seed ^= seed >>> 7;
            seed ^= seed << 17;
            v[i] = (float) ((seed % 2000) / 1000.0);
            norm += v[i] * v[i];
        }
        float scale = (float) (norm == 0 ? 1 : 1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
