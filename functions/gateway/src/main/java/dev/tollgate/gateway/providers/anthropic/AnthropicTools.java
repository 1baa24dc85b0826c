package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;

/**
 * Request mapping of tools: OpenAI {@code tools[].function} to Anthropic's {@code name},
 * {@code description}, {@code input_schema}; {@code tool_choice} {@code auto | required | none |
 * {function}} to {@code auto | any | none | tool}; {@code parallel_tool_calls: false} to
 * {@code disable_parallel_tool_use}.
 */
final class AnthropicTools {
    private AnthropicTools() {}

    static void map(JsonNode openAi, ObjectNode out) {
        JsonNode tools = openAi.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ArrayNode mapped = out.putArray("tools");
            for (int i = 0; i < tools.size(); i++) {
                JsonNode tool = tools.get(i);
                JsonNode function = tool.path("function");
                if (!"function".equals(tool.path("type").asText("function"))
                        || !function.path("name").isTextual()) {
                    throw GatewayException.invalidRequest(
                            "Only function tools with a name are supported", "tools[" + i + "]");
                }
                ObjectNode t = mapped.addObject();
                t.put("name", function.get("name").asText());
                if (function.path("description").isTextual()) {
                    t.put("description", function.get("description").asText());
                }
                JsonNode schema = function.path("parameters");
                if (schema.isObject()) {
                    t.set("input_schema", schema);
                } else {
                    t.putObject("input_schema").put("type", "object").putObject("properties");
                }
                if (tool.has("cache_control")) {
                    t.set("cache_control", tool.get("cache_control"));
                }
            }
        }
        ObjectNode choice = choice(openAi.get("tool_choice"));
        if (openAi.path("parallel_tool_calls").isBoolean()
                && !openAi.get("parallel_tool_calls").asBoolean()
                && out.has("tools")) {
            if (choice == null) {
                choice = out.objectNode().put("type", "auto");
            }
            if (!"none".equals(choice.path("type").asText())) {
                choice.put("disable_parallel_tool_use", true);
            }
        }
        if (choice != null && out.has("tools")) {
            out.set("tool_choice", choice);
        }
    }

    private static ObjectNode choice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (choice.isTextual()) {
            switch (choice.asText()) {
                case "auto" -> out.put("type", "auto");
                case "required" -> out.put("type", "any");
                case "none" -> out.put("type", "none");
                default ->
                    throw GatewayException.invalidRequest(
                            "tool_choice must be auto, required, none or a function", "tool_choice");
            }
            return out;
        }
        String name = choice.path("function").path("name").asText("");
        if (name.isEmpty()) {
            throw GatewayException.invalidRequest("tool_choice must name a function", "tool_choice.function.name");
        }
        return out.put("type", "tool").put("name", name);
    }
}
