package dev.tollgate.gateway.bridge.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.bridge.StreamEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI chat chunks → the Responses API's stream: {@code response.created}, {@code response.in_progress},
 * per output item {@code response.output_item.added}, for text {@code response.content_part.added},
 * {@code response.output_text.delta}…, {@code response.output_text.done}, {@code response.content_part.done},
 * for a function call {@code response.function_call_arguments.delta}… and {@code …done}, then
 * {@code response.output_item.done}; finally {@code response.completed} with the whole response and usage.
 * Every event carries its {@code sequence_number}.
 */
public final class ResponsesStream {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode response;
    private final Consumer<ObjectNode> onCompleted;
    private int sequence;
    private boolean started;
    private ObjectNode message; // the open message item, or null
    private final StringBuilder text = new StringBuilder();
    private final Map<Integer, ObjectNode> calls = new LinkedHashMap<>();
    private String finishReason;
    private JsonNode usage;
    private boolean ended;

    /**
     * @param onCompleted receives the final response (to be stored when the request asked for it)
     */
    public ResponsesStream(String id, ObjectNode request, Instant created, Consumer<ObjectNode> onCompleted) {
        this.response = ResponseObjects.envelope(id, request, "in_progress", created);
        this.onCompleted = onCompleted;
    }

    /** The events for one chunk of the upstream's (OpenAI-shaped) stream, as the relay parsed it. */
    public List<StreamEvent> chunk(JsonNode chunk) {
        List<StreamEvent> events = new ArrayList<>();
        start(events);
        if (chunk.hasNonNull("usage")) {
            usage = chunk.get("usage");
        }
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.path("delta");
            if (delta.path("content").isTextual()
                    && !delta.get("content").asText().isEmpty()) {
                String piece = delta.get("content").asText();
                openMessage(events);
                text.append(piece);
                ObjectNode e = event("response.output_text.delta");
                e.put("item_id", message.get("id").asText())
                        .put("output_index", outputIndex(message))
                        .put("content_index", 0);
                e.put("delta", piece);
                e.putArray("logprobs");
                events.add(emit(e));
            }
            for (JsonNode call : delta.path("tool_calls")) {
                toolCall(call, events);
            }
            if (choice.hasNonNull("finish_reason")) {
                finishReason = choice.get("finish_reason").asText();
            }
        }
        return events;
    }

    /** The closing events; {@code costComment} rides on {@code response.completed}. */
    public List<StreamEvent> end(String costComment) {
        List<StreamEvent> events = new ArrayList<>();
        if (ended) {
            return events;
        }
        ended = true;
        start(events);
        closeMessage(events);
        for (ObjectNode call : calls.values()) {
            String arguments = call.get("arguments").asText();
            ObjectNode done = event("response.function_call_arguments.done");
            done.put("item_id", call.get("id").asText())
                    .put("output_index", outputIndex(call))
                    .put("arguments", arguments);
            events.add(emit(done));
            call.put("status", "completed");
            ObjectNode itemDone = event("response.output_item.done");
            itemDone.put("output_index", outputIndex(call)).set("item", call.deepCopy());
            events.add(emit(itemDone));
        }
        ResponseObjects.finish(response, finishReason, usage);
        String type =
                "incomplete".equals(response.get("status").asText()) ? "response.incomplete" : "response.completed";
        ObjectNode completed = event(type);
        completed.set("response", response.deepCopy());
        events.add(emit(completed).withComment(costComment));
        onCompleted.accept(response);
        return events;
    }

    /** The {@code response.failed} event for a stream that broke. */
    public StreamEvent failed(String code, String message) {
        response.put("status", "failed");
        response.putObject("error").put("code", code).put("message", message);
        ObjectNode failed = event("response.failed");
        failed.set("response", response.deepCopy());
        return emit(failed);
    }

    private void start(List<StreamEvent> events) {
        if (started) {
            return;
        }
        started = true;
        ObjectNode created = event("response.created");
        created.set("response", response.deepCopy());
        events.add(emit(created));
        ObjectNode progress = event("response.in_progress");
        progress.set("response", response.deepCopy());
        events.add(emit(progress));
    }

    private void openMessage(List<StreamEvent> events) {
        if (message != null) {
            return;
        }
        message = ResponseObjects.message(ResponseObjects.newItemId("msg"), null, "in_progress");
        output().add(message);
        ObjectNode added = event("response.output_item.added");
        added.put("output_index", outputIndex(message)).set("item", message.deepCopy());
        events.add(emit(added));
        ObjectNode part = event("response.content_part.added");
        part.put("item_id", message.get("id").asText())
                .put("output_index", outputIndex(message))
                .put("content_index", 0);
        part.set("part", ResponseObjects.outputText(""));
        events.add(emit(part));
    }

    private void closeMessage(List<StreamEvent> events) {
        if (message == null) {
            return;
        }
        String id = message.get("id").asText();
        int index = outputIndex(message);
        ObjectNode textDone = event("response.output_text.done");
        textDone.put("item_id", id)
                .put("output_index", index)
                .put("content_index", 0)
                .put("text", text.toString());
        textDone.putArray("logprobs");
        events.add(emit(textDone));
        ObjectNode partDone = event("response.content_part.done");
        partDone.put("item_id", id).put("output_index", index).put("content_index", 0);
        partDone.set("part", ResponseObjects.outputText(text.toString()));
        events.add(emit(partDone));
        ((ArrayNode) message.get("content")).add(ResponseObjects.outputText(text.toString()));
        message.put("status", "completed");
        ObjectNode itemDone = event("response.output_item.done");
        itemDone.put("output_index", index).set("item", message.deepCopy());
        events.add(emit(itemDone));
    }

    private void toolCall(JsonNode delta, List<StreamEvent> events) {
        int index = delta.path("index").asInt(0);
        ObjectNode call = calls.get(index);
        if (call == null) {
            call = ResponseObjects.functionCall(
                    ResponseObjects.newItemId("fc"),
                    delta.path("id").asText("call_" + index),
                    delta.path("function").path("name").asText(""),
                    "",
                    "in_progress");
            calls.put(index, call);
            output().add(call);
            ObjectNode added = event("response.output_item.added");
            added.put("output_index", outputIndex(call)).set("item", call.deepCopy());
            events.add(emit(added));
        }
        String arguments = delta.path("function").path("arguments").asText("");
        if (!arguments.isEmpty()) {
            call.put("arguments", call.get("arguments").asText() + arguments);
            ObjectNode e = event("response.function_call_arguments.delta");
            e.put("item_id", call.get("id").asText())
                    .put("output_index", outputIndex(call))
                    .put("delta", arguments);
            events.add(emit(e));
        }
    }

    private ArrayNode output() {
        return (ArrayNode) response.get("output");
    }

    private int outputIndex(ObjectNode item) {
        ArrayNode output = output();
        for (int i = 0; i < output.size(); i++) {
            if (output.get(i) == item) {
                return i;
            }
        }
        return output.size();
    }

    private ObjectNode event(String type) {
        return NODES.objectNode().put("type", type);
    }

    private StreamEvent emit(ObjectNode event) {
        event.put("sequence_number", sequence++);
        return StreamEvent.named(event.get("type").asText(), event.toString());
    }
}
