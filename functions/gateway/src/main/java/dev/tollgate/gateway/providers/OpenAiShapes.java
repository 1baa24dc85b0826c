package dev.tollgate.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import java.io.IOException;

/**
 * The OpenAI chat-completion shapes every translating provider produces (Anthropic, Bedrock): chunk
 * envelopes and chunks of a stream, and the assistant message of a complete answer. One place, so the
 * providers differ only in how they read their own API.
 */
public final class OpenAiShapes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiShapes() {}

    /** {@code {"id", "object": "chat.completion.chunk", "created", "model"}}. */
    public static ObjectNode chunkEnvelope(String id, long created, String model) {
        ObjectNode chunk = NODES.objectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }

    /** One stream chunk's JSON with a single choice carrying {@code delta}; a null finish reason is written as null. */
    public static String chunk(String id, long created, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunkEnvelope(id, created, model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk.toString();
    }

    /**
     * Fills a complete answer's assistant {@code message} and its choice: content (null when the answer is
     * only tool calls), refusal, tool calls, reasoning text, logprobs and finish reason.
     */
    public static void assistantMessage(
            ObjectNode choice,
            ObjectNode reply,
            CharSequence text,
            ArrayNode calls,
            CharSequence reasoning,
            String finishReason) {
        if (text.isEmpty() && !calls.isEmpty()) {
            reply.putNull("content");
        } else {
            reply.put("content", text.toString());
        }
        reply.putNull("refusal");
        if (!calls.isEmpty()) {
            reply.set("tool_calls", calls);
        }
        if (!reasoning.isEmpty()) {
            reply.put("reasoning_content", reasoning.toString());
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
    }

    /**
     * An OpenAI tool call's {@code arguments} (a JSON string, or already an object) as the JSON object the
     * Anthropic and Bedrock APIs expect as the tool's {@code input}; blank means {@code {}}.
     */
    public static JsonNode toolArguments(JsonNode arguments, String where) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return NODES.objectNode();
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // fall through to the error below
        }
        throw GatewayException.invalidRequest("Tool call arguments must be a JSON object", where);
    }

    /**
     * OpenAI's usage object from counts given the Anthropic way (Anthropic, and Claude on Bedrock): input
     * excludes cache reads and writes, OpenAI's {@code prompt_tokens} includes both; cache reads are also
     * {@code prompt_tokens_details.cached_tokens}, and both counts are kept under Anthropic's names
     * ({@code cache_read_input_tokens}, {@code cache_creation_input_tokens}) so cache writes can be priced
     * at their own rate.
     */
    public static ObjectNode usage(long input, long cacheRead, long cacheWrite, long output) {
        ObjectNode usage = NODES.objectNode();
        usage.put("prompt_tokens", input + cacheRead + cacheWrite);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", input + cacheRead + cacheWrite + output);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details")
                .put("reasoning_tokens", 0)
                .put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0)
                .put("rejected_prediction_tokens", 0);
        usage.put("cache_creation_input_tokens", cacheWrite);
        usage.put("cache_read_input_tokens", cacheRead);
        return usage;
    }
}
