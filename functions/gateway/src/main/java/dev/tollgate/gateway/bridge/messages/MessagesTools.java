package dev.tollgate.gateway.bridge.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;

/**
 * Tools between the two APIs: Anthropic's {@code tools} ({@code name}, {@code description},
 * {@code input_schema}) ↔ OpenAI function tools; {@code tool_choice} {@code auto | any | tool | none} ↔
 * {@code auto | required | {function} | none}; {@code tool_use} blocks ↔ {@code tool_calls};
 * {@code tool_result} blocks → {@code tool} messages.
 */
final class MessagesTools {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessagesTools() {}

    static void toChat(JsonNode messages, ObjectNode chat) {
        JsonNode tools = messages.path("tools");
        ArrayNode mapped = NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asText("custom");
            if (!type.equals("custom") || !tool.path("name").isTextual()) {
                continue; // server tools (web search, code execution…) run at Anthropic only: not bridged
            }
            ObjectNode function = NODES.objectNode();
            function.put("name", tool.get("name").asText());
            if (tool.path("description").isTextual()) {
                function.put("description", tool.get("description").asText());
            }
            function.set(
                    "parameters",
                    tool.path("input_schema").isObject()
                            ? tool.get("input_schema")
                            : NODES.objectNode().put("type", "object"));
            ObjectNode t = mapped.addObject().put("type", "function");
            t.set("function", function);
            if (tool.has("cache_control")) {
                t.set("cache_control", tool.get("cache_control"));
            }
        }
        if (!mapped.isEmpty()) {
            chat.set("tools", mapped);
            toolChoice(messages.path("tool_choice"), chat);
        }
    }

    private static void toolChoice(JsonNode choice, ObjectNode chat) {
        if (!choice.isObject()) {
            return;
        }
        switch (choice.path("type").asText()) {
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" ->
                chat.putObject("tool_choice")
                        .put("type", "function")
                        .putObject("function")
                        .put("name", choice.path("name").asText());
            default -> chat.put("tool_choice", "auto");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            chat.put("parallel_tool_calls", false);
        }
    }

    static ObjectNode toolCall(JsonNode use, String where) {
        if (!use.path("id").isTextual() || !use.path("name").isTextual()) {
            throw GatewayException.invalidRequest("tool_use needs an id and a name", where);
        }
        ObjectNode call = NODES.objectNode();
        call.put("id", use.get("id").asText());
        call.put("type", "function");
        call.putObject("function")
                .put("name", use.get("name").asText())
                .put(
                        "arguments",
                        use.path("input").isMissingNode()
                                ? "{}"
                                : use.get("input").toString());
        return call;
    }

    static ObjectNode toolMessage(JsonNode result, String where) {
        if (!result.path("tool_use_id").isTextual()) {
            throw GatewayException.invalidRequest("tool_result needs its tool_use_id", where + ".tool_use_id");
        }
        ObjectNode message = NODES.objectNode();
        message.put("role", "tool");
        message.put("tool_call_id", result.get("tool_use_id").asText());
        JsonNode content = result.get("content");
        String text;
        if (content == null || content.isNull()) {
            text = "";
        } else if (content.isTextual()) {
            text = content.asText();
        } else {
            StringBuilder joined = new StringBuilder();
            for (JsonNode block : content) {
                if ("text".equals(block.path("type").asText())) {
                    joined.append(joined.isEmpty() ? "" : "\n")
                            .append(block.path("text").asText());
                }
            }
            text = joined.toString();
        }
        message.put("content", result.path("is_error").asBoolean(false) ? "Error: " + text : text);
        return message;
    }
}
