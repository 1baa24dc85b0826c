package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.providers.OpenAiShapes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream mapping: Anthropic SSE events to OpenAI {@code chat.completion.chunk} payloads, one event at
 * a time. {@code message_start} gives the role chunk (and the input usage), {@code content_block_start}
 * of a {@code tool_use} block opens a tool call (index, id, name), {@code content_block_delta} carries
 * text, tool arguments ({@code input_json_delta}) or thinking, {@code message_delta} the finish reason and
 * output tokens, and {@code message_stop} ends with the usage chunk when it was asked for. {@code ping},
 * {@code content_block_stop} and signature deltas produce nothing; {@code error} is handled by the caller.
 */
final class AnthropicStream {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private final ObjectNode usage = NODES.objectNode();
    private String id = "";
    private String model;
    private final long created = Instant.now().getEpochSecond();
    private boolean stopped;

    AnthropicStream(String requestedModel, boolean includeUsage) {
        this.model = requestedModel;
        this.includeUsage = includeUsage;
    }

    /** The OpenAI chunks for one Anthropic event (often none or one). */
    List<String> accept(JsonNode event) {
        switch (event.path("type").asText()) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = message.path("id").asText(id);
                model = message.path("model").asText(model);
                mergeUsage(message.path("usage"));
                ObjectNode delta = NODES.objectNode().put("role", "assistant").put("content", "");
                return List.of(chunk(delta.putNull("refusal"), null));
            }
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if (!"tool_use".equals(block.path("type").asText())) {
                    return List.of();
                }
                int index = toolIndexByBlock.size();
                toolIndexByBlock.put(event.path("index").asInt(), index);
                ObjectNode call = NODES.objectNode()
                        .put("index", index)
                        .put("id", block.path("id").asText())
                        .put("type", "function");
                call.putObject("function")
                        .put("name", block.path("name").asText())
                        .put("arguments", "");
                ObjectNode delta = NODES.objectNode();
                delta.putArray("tool_calls").add(call);
                return List.of(chunk(delta, null));
            }
            case "content_block_delta" -> {
                return delta(event.path("index").asInt(), event.path("delta"));
            }
            case "message_delta" -> {
                mergeUsage(event.path("usage"));
                String finish = AnthropicResponses.finishReason(
                        event.path("delta").path("stop_reason").asText(null));
                return finish == null ? List.of() : List.of(chunk(NODES.objectNode(), finish));
            }
            case "message_stop" -> {
                stopped = true;
                if (!includeUsage) {
                    return List.of();
                }
                ObjectNode last = envelope();
                last.putArray("choices");
                last.set("usage", AnthropicResponses.usage(usage));
                return List.of(last.toString());
            }
            default -> {
                return List.of(); // ping, content_block_stop, and event types added later
            }
        }
    }

    /** Whether {@code message_stop} has been seen: a stream that ends before it was cut off. */
    boolean stopped() {
        return stopped;
    }

    /** Counts are cumulative; a later event's non-null value replaces an earlier one. */
    private void mergeUsage(JsonNode counts) {
        counts.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                usage.set(field.getKey(), field.getValue());
            }
        });
    }

    private List<String> delta(int blockIndex, JsonNode delta) {
        ObjectNode out = NODES.objectNode();
        switch (delta.path("type").asText()) {
            case "text_delta" -> out.put("content", delta.path("text").asText());
            case "thinking_delta" ->
                out.put("reasoning_content", delta.path("thinking").asText());
            case "input_json_delta" -> {
                Integer index = toolIndexByBlock.get(blockIndex);
                if (index == null) {
                    return List.of();
                }
                ObjectNode call = out.putArray("tool_calls").addObject().put("index", index);
                call.putObject("function")
                        .put("arguments", delta.path("partial_json").asText());
            }
            default -> {
                return List.of(); // signature_delta, citations_delta
            }
        }
        return List.of(chunk(out, null));
    }

    private String chunk(ObjectNode delta, String finishReason) {
        return OpenAiShapes.chunk(id, created, model, delta, finishReason);
    }

    private ObjectNode envelope() {
        return OpenAiShapes.chunkEnvelope(id, created, model);
    }
}
