package dev.tollgate.gateway.bridge.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * OpenAI chat completion → Anthropic message: text and tool calls become content blocks, the finish
 * reason a stop reason, and usage is restated the Anthropic way ({@code input_tokens} excludes cache
 * reads and writes, which have their own counts).
 */
public final class MessagesResponses {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private MessagesResponses() {}

    /** @param model the model name the client asked for (Anthropic answers with it) */
    public static ObjectNode fromChat(JsonNode completion, String model) {
        ObjectNode message = NODES.objectNode();
        message.put("id", messageId(completion.path("id").asText("")));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        ArrayNode content = message.putArray("content");
        JsonNode choice = completion.path("choices").path(0);
        JsonNode reply = choice.path("message");
        if (reply.path("reasoning_content").isTextual()
                && !reply.get("reasoning_content").asText().isEmpty()) {
            content.addObject()
                    .put("type", "thinking")
                    .put("thinking", reply.get("reasoning_content").asText())
                    .put("signature", "");
        }
        String text = reply.path("content").isTextual() ? reply.get("content").asText() : "";
        if (!text.isEmpty()) {
            content.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : reply.path("tool_calls")) {
            ObjectNode use = content.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set("input", arguments(call.path("function").path("arguments").asText("{}")));
        }
        message.put("stop_reason", stopReason(choice.path("finish_reason").asText(null)));
        message.putNull("stop_sequence");
        message.set("usage", usage(completion.path("usage")));
        return message;
    }

    /** An Anthropic-style message id from an OpenAI completion id. */
    static String messageId(String completionId) {
        String bare = completionId.startsWith("chatcmpl-") ? completionId.substring(9) : completionId;
        return "msg_" + (bare.isEmpty() ? Long.toHexString(System.nanoTime()) : bare);
    }

    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return null;
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic usage from OpenAI usage (whose {@code prompt_tokens} include cache reads and writes). */
    static ObjectNode usage(JsonNode u) {
        long prompt = u.path("prompt_tokens").asLong(0);
        long read = u.has("cache_read_input_tokens")
                ? u.path("cache_read_input_tokens").asLong(0)
                : u.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        long write = u.path("cache_creation_input_tokens").asLong(0);
        ObjectNode usage = NODES.objectNode();
        usage.put("input_tokens", Math.max(0, prompt - read - write));
        usage.put("cache_creation_input_tokens", write);
        usage.put("cache_read_input_tokens", read);
        usage.put("output_tokens", u.path("completion_tokens").asLong(0));
        return usage;
    }

    static JsonNode arguments(String json) {
        try {
            JsonNode parsed = JSON.readTree(json.isBlank() ? "{}" : json);
            return parsed.isObject() ? parsed : NODES.objectNode();
        } catch (IOException e) {
            return NODES.objectNode();
        }
    }
}
