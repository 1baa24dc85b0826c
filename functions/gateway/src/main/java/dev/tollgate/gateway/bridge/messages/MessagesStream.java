package dev.tollgate.gateway.bridge.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.bridge.StreamEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI chat chunks → Anthropic's stream events, one stream at a time: {@code message_start}, then per
 * content block {@code content_block_start}, its {@code content_block_delta}s ({@code text_delta},
 * {@code input_json_delta} for tool input) and {@code content_block_stop}, then {@code message_delta}
 * with the stop reason and usage, and {@code message_stop}. The usage comes in the chunk after the finish
 * reason, so {@code message_delta} waits for it (or for the end).
 */
public final class MessagesStream {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String model;
    private boolean started;
    private int blockIndex = -1;
    private String openBlock; // "text", "thinking", "tool_use" or null
    private int openToolCall = -1;
    private String stopReason;
    private JsonNode usage;
    private boolean ended;

    public MessagesStream(String model) {
        this.model = model;
    }

    /** The events for one chunk of the upstream's (OpenAI-shaped) stream, as the relay parsed it. */
    public List<StreamEvent> chunk(JsonNode chunk) {
        List<StreamEvent> events = new ArrayList<>();
        if (!started) {
            started = true;
            events.add(messageStart(chunk));
        }
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.path("reasoning_content").isTextual()
                    && !delta.get("reasoning_content").asText().isEmpty()) {
                open(events, "thinking", -1, null);
                events.add(delta(
                        "thinking_delta",
                        "thinking",
                        delta.get("reasoning_content").asText()));
            }
            if (delta.path("content").isTextual()
                    && !delta.get("content").asText().isEmpty()) {
                open(events, "text", -1, null);
                events.add(delta("text_delta", "text", delta.get("content").asText()));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                int index = call.path("index").asInt(0);
                if (!"tool_use".equals(openBlock) || openToolCall != index) {
                    open(events, "tool_use", index, call);
                }
                String arguments = call.path("function").path("arguments").asText("");
                if (!arguments.isEmpty()) {
                    events.add(delta("input_json_delta", "partial_json", arguments));
                }
            }
            if (choice.hasNonNull("finish_reason")) {
                stopReason =
                        MessagesResponses.stopReason(choice.get("finish_reason").asText());
            }
        }
        return events;
    }

    /** The closing events once the upstream stream has ended; {@code costComment} rides on {@code message_stop}. */
    public List<StreamEvent> end(String costComment) {
        List<StreamEvent> events = new ArrayList<>();
        if (ended) {
            return events;
        }
        ended = true;
        if (!started) {
            started = true;
            events.add(messageStart(NODES.objectNode()));
        }
        close(events);
        ObjectNode messageDelta = NODES.objectNode().put("type", "message_delta");
        messageDelta
                .putObject("delta")
                .put("stop_reason", stopReason == null ? "end_turn" : stopReason)
                .putNull("stop_sequence");
        messageDelta.set("usage", MessagesResponses.usage(usage == null ? NODES.objectNode() : usage));
        events.add(StreamEvent.named("message_delta", messageDelta.toString()));
        events.add(
                StreamEvent.named("message_stop", "{\"type\":\"message_stop\"}").withComment(costComment));
        return events;
    }

    private StreamEvent messageStart(JsonNode chunk) {
        ObjectNode start = NODES.objectNode().put("type", "message_start");
        ObjectNode message = start.putObject("message");
        message.put("id", MessagesResponses.messageId(chunk.path("id").asText("")));
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", 0).put("output_tokens", 0);
        return StreamEvent.named("message_start", start.toString());
    }

    private void open(List<StreamEvent> events, String type, int toolCall, JsonNode call) {
        if (type.equals(openBlock) && !type.equals("tool_use")) {
            return;
        }
        close(events);
        blockIndex++;
        openBlock = type;
        openToolCall = toolCall;
        ObjectNode start = NODES.objectNode().put("type", "content_block_start").put("index", blockIndex);
        ObjectNode block = start.putObject("content_block").put("type", type);
        switch (type) {
            case "text" -> block.put("text", "");
            case "thinking" -> block.put("thinking", "");
            default -> {
                block.put("id", call.path("id").asText("toolu_" + blockIndex));
                block.put("name", call.path("function").path("name").asText(""));
                block.putObject("input");
            }
        }
        events.add(StreamEvent.named("content_block_start", start.toString()));
    }

    private void close(List<StreamEvent> events) {
        if (openBlock == null) {
            return;
        }
        events.add(StreamEvent.named(
                "content_block_stop",
                NODES.objectNode()
                        .put("type", "content_block_stop")
                        .put("index", blockIndex)
                        .toString()));
        openBlock = null;
        openToolCall = -1;
    }

    private StreamEvent delta(String deltaType, String field, String value) {
        ObjectNode event = NODES.objectNode().put("type", "content_block_delta").put("index", blockIndex);
        event.putObject("delta").put("type", deltaType).put(field, value);
        return StreamEvent.named("content_block_delta", event.toString());
    }
}
