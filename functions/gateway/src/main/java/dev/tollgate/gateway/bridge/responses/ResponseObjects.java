package dev.tollgate.gateway.bridge.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The Responses API's objects, built from a chat completion's parts: the {@code response} envelope (which
 * echoes the request's settings), its output items (a message with {@code output_text}, function calls),
 * and usage in the Responses API's terms.
 */
public final class ResponseObjects {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponseObjects() {}

    public static String newResponseId() {
        return "resp_" + UUID.randomUUID().toString().replace("-", "");
    }

    static String newItemId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The envelope: status, the request's settings echoed, and an empty output to fill. */
    static ObjectNode envelope(String id, ObjectNode request, String status, Instant created) {
        ObjectNode r = NODES.objectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", created.getEpochSecond());
        r.put("status", status);
        r.put("background", false);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.set(
                "instructions",
                request.path("instructions").isTextual() ? request.get("instructions") : NODES.nullNode());
        r.set(
                "max_output_tokens",
                request.path("max_output_tokens").isNumber() ? request.get("max_output_tokens") : NODES.nullNode());
        r.put("model", request.path("model").asText());
        r.putArray("output");
        r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        r.set(
                "previous_response_id",
                request.path("previous_response_id").isTextual()
                        ? request.get("previous_response_id")
                        : NODES.nullNode());
        ObjectNode reasoning = r.putObject("reasoning");
        reasoning.set(
                "effort",
                request.path("reasoning").path("effort").isTextual()
                        ? request.get("reasoning").get("effort")
                        : NODES.nullNode());
        reasoning.putNull("summary");
        r.put("store", request.path("store").asBoolean(true));
        r.put(
                "temperature",
                request.path("temperature").isNumber()
                        ? request.get("temperature").asDouble()
                        : 1.0);
        ObjectNode text = r.putObject("text");
        text.set(
                "format",
                request.path("text").path("format").isObject()
                        ? request.get("text").get("format")
                        : NODES.objectNode().put("type", "text"));
        r.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice") : NODES.textNode("auto"));
        r.set("tools", request.path("tools").isArray() ? request.get("tools") : NODES.arrayNode());
        r.put("top_p", request.path("top_p").isNumber() ? request.get("top_p").asDouble() : 1.0);
        r.put("truncation", "disabled");
        r.set("user", request.path("user").isTextual() ? request.get("user") : NODES.nullNode());
        r.set("metadata", request.path("metadata").isObject() ? request.get("metadata") : NODES.objectNode());
        r.putNull("usage");
        return r;
    }

    static ObjectNode message(String id, String text, String status) {
        ObjectNode item = NODES.objectNode();
        item.put("type", "message");
        item.put("id", id);
        item.put("status", status);
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = NODES.objectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return NODES.objectNode()
                .put("type", "function_call")
                .put("id", id)
                .put("call_id", callId)
                .put("name", name)
                .put("arguments", arguments)
                .put("status", status);
    }

    /** Usage in the Responses API's terms, from chat usage. */
    static ObjectNode usage(JsonNode u) {
        ObjectNode usage = NODES.objectNode();
        long input = u.path("prompt_tokens").asLong(0);
        long output = u.path("completion_tokens").asLong(0);
        usage.put("input_tokens", input);
        usage.putObject("input_tokens_details")
                .put(
                        "cached_tokens",
                        u.path("prompt_tokens_details").path("cached_tokens").asLong(0));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details")
                .put(
                        "reasoning_tokens",
                        u.path("completion_tokens_details")
                                .path("reasoning_tokens")
                                .asLong(0));
        usage.put("total_tokens", u.path("total_tokens").asLong(input + output));
        return usage;
    }

    /** Sets the final status: {@code incomplete} when the output limit cut the answer. */
    static void finish(ObjectNode response, String finishReason, JsonNode chatUsage) {
        if ("length".equals(finishReason)) {
            response.put("status", "incomplete");
            response.putObject("incomplete_details").put("reason", "max_output_tokens");
        } else {
            response.put("status", "completed");
        }
        response.set("usage", usage(chatUsage == null ? NODES.objectNode() : chatUsage));
    }

    /** The chat messages a response adds to its conversation (what {@code previous_response_id} continues). */
    public static ArrayNode assistantMessages(JsonNode response) {
        ArrayNode messages = NODES.arrayNode();
        ObjectNode assistant = null;
        for (JsonNode item : response.path("output")) {
            if (assistant == null) {
                assistant = messages.addObject().put("role", "assistant");
                assistant.putNull("content");
            }
            if ("message".equals(item.path("type").asText())) {
                StringBuilder text = new StringBuilder();
                item.path("content").forEach(p -> text.append(p.path("text").asText("")));
                assistant.put("content", text.toString());
            } else if ("function_call".equals(item.path("type").asText())) {
                ArrayNode calls = assistant.has("tool_calls")
                        ? (ArrayNode) assistant.get("tool_calls")
                        : assistant.putArray("tool_calls");
                ObjectNode call = calls.addObject()
                        .put("id", item.path("call_id").asText())
                        .put("type", "function");
                call.putObject("function")
                        .put("name", item.path("name").asText())
                        .put("arguments", item.path("arguments").asText());
            }
        }
        return messages;
    }
}
