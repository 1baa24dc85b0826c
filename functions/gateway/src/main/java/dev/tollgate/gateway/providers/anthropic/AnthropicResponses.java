package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.providers.OpenAiShapes;
import java.time.Instant;

/**
 * Response mapping: an Anthropic Messages response to an OpenAI {@code chat.completion}. Text blocks
 * join into {@code content}, {@code tool_use} blocks become {@code tool_calls} (input as a JSON string),
 * thinking blocks become {@code reasoning_content}, and usage is restated in OpenAI's terms.
 */
final class AnthropicResponses {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicResponses() {}

    static ObjectNode toChatCompletion(JsonNode message, String requestedModel) {
        ObjectNode out = NODES.objectNode();
        out.put("id", message.path("id").asText());
        out.put("object", "chat.completion");
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", message.path("model").asText(requestedModel));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode reply = choice.putObject("message");
        reply.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        ArrayNode calls = NODES.arrayNode();
        for (JsonNode block : message.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> thinking.append(block.path("thinking").asText());
                case "tool_use" -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", block.path("id").asText());
                    call.put("type", "function");
                    ObjectNode function = call.putObject("function");
                    function.put("name", block.path("name").asText());
                    function.put("arguments", block.path("input").toString());
                }
                default -> {
                    // redacted_thinking, server tool blocks: nothing OpenAI's shape can carry
                }
            }
        }
        OpenAiShapes.assistantMessage(
                choice,
                reply,
                text,
                calls,
                thinking,
                finishReason(message.path("stop_reason").asText(null)));
        out.set("usage", usage(message.path("usage")));
        return out;
    }

    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /**
     * OpenAI usage from Anthropic usage ({@link OpenAiShapes#usage}), plus the 5m/1h {@code cache_creation}
     * split so cache writes can be priced at their own rate.
     */
    static ObjectNode usage(JsonNode u) {
        long input = u.path("input_tokens").asLong(0);
        long read = u.path("cache_read_input_tokens").asLong(0);
        long write = u.path("cache_creation_input_tokens").asLong(0);
        long output = u.path("output_tokens").asLong(0);
        ObjectNode usage = OpenAiShapes.usage(input, read, write, output);
        if (u.path("cache_creation").isObject()) {
            usage.set("cache_creation", u.get("cache_creation"));
        }
        return usage;
    }
}
