package dev.tollgate.gateway.providers.bedrock;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.providers.OpenAiShapes;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;

/**
 * Stream mapping: ConverseStream events to OpenAI {@code chat.completion.chunk} payloads.
 * {@code messageStart} gives the role chunk; {@code contentBlockStart} of a {@code toolUse} opens a
 * tool call (index, id, name); {@code contentBlockDelta} carries text, tool input or reasoning;
 * {@code messageStop} gives the finish chunk; {@code metadata} (which Bedrock sends last) gives the
 * usage chunk when it was asked for. {@code contentBlockStop} produces nothing.
 */
final class BedrockStream {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String id;
    private final String model;
    private final boolean includeUsage;
    private final long created = Instant.now().getEpochSecond();
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private boolean finished;

    BedrockStream(String id, String model, boolean includeUsage) {
        this.id = id;
        this.model = model;
        this.includeUsage = includeUsage;
    }

    List<String> accept(ConverseStreamOutput event) {
        switch (event.sdkEventType()) {
            case MESSAGE_START -> {
                return List.of(chunk(
                        NODES.objectNode()
                                .put("role", "assistant")
                                .put("content", "")
                                .putNull("refusal"),
                        null));
            }
            case CONTENT_BLOCK_START -> {
                ContentBlockStartEvent start = (ContentBlockStartEvent) event;
                if (start.start() == null || start.start().toolUse() == null) {
                    return List.of();
                }
                int index = toolIndexByBlock.size();
                toolIndexByBlock.put(start.contentBlockIndex(), index);
                ObjectNode call = NODES.objectNode()
                        .put("index", index)
                        .put("id", start.start().toolUse().toolUseId())
                        .put("type", "function");
                call.putObject("function")
                        .put("name", start.start().toolUse().name())
                        .put("arguments", "");
                ObjectNode delta = NODES.objectNode();
                delta.putArray("tool_calls").add(call);
                return List.of(chunk(delta, null));
            }
            case CONTENT_BLOCK_DELTA -> {
                ContentBlockDeltaEvent e = (ContentBlockDeltaEvent) event;
                return delta(e.contentBlockIndex(), e.delta());
            }
            case MESSAGE_STOP -> {
                finished = true;
                return List.of(chunk(
                        NODES.objectNode(), BedrockResponses.finishReason(((MessageStopEvent) event).stopReason())));
            }
            case METADATA -> {
                if (!includeUsage) {
                    return List.of();
                }
                ObjectNode last = envelope();
                last.putArray("choices");
                last.set("usage", BedrockResponses.usage(((ConverseStreamMetadataEvent) event).usage()));
                return List.of(last.toString());
            }
            default -> {
                return List.of(); // contentBlockStop and event types this SDK does not know
            }
        }
    }

    /** Whether {@code messageStop} has been seen. */
    boolean finished() {
        return finished;
    }

    private List<String> delta(Integer blockIndex, ContentBlockDelta delta) {
        if (delta == null) {
            return List.of();
        }
        ObjectNode out = NODES.objectNode();
        if (delta.text() != null) {
            out.put("content", delta.text());
        } else if (delta.toolUse() != null) {
            Integer index = toolIndexByBlock.get(blockIndex);
            if (index == null) {
                return List.of();
            }
            ObjectNode call = out.putArray("tool_calls").addObject().put("index", index);
            call.putObject("function").put("arguments", delta.toolUse().input());
        } else if (delta.reasoningContent() != null && delta.reasoningContent().text() != null) {
            out.put("reasoning_content", delta.reasoningContent().text());
        } else {
            return List.of();
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
