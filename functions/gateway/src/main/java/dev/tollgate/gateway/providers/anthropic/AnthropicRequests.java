package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.OpenAiShapes;

/**
 * Request mapping: an OpenAI chat request to an Anthropic Messages request. System and developer
 * messages are lifted into {@code system}; consecutive turns of one role are merged (tool results and
 * the user's next words share a user turn); tools, tool choice, stop sequences and sampling parameters
 * are renamed. Fields Anthropic does not know are dropped, since it rejects unknown fields.
 */
final class AnthropicRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicRequests() {}

    static ObjectNode toMessages(ObjectNode openAi, int defaultMaxTokens, boolean stream) {
        if (openAi.path("n").asInt(1) > 1) {
            throw GatewayException.invalidRequest("Anthropic returns one choice per request; n must be 1", "n");
        }
        ObjectNode out = NODES.objectNode();
        out.put("model", openAi.path("model").asText());
        ArrayNode system = NODES.arrayNode();
        ArrayNode messages = out.putArray("messages");
        JsonNode in = openAi.path("messages");
        for (int i = 0; i < in.size(); i++) {
            JsonNode m = in.get(i);
            String where = "messages[" + i + "]";
            switch (m.path("role").asText()) {
                case "system", "developer" ->
                    system.addAll(AnthropicContent.blocks(m.get("content"), where + ".content"));
                case "user" ->
                    turn(messages, "user").addAll(AnthropicContent.blocks(m.get("content"), where + ".content"));
                case "assistant" -> assistant(turn(messages, "assistant"), m, where);
                case "tool", "function" -> turn(messages, "user").add(toolResult(m, where));
                default ->
                    throw GatewayException.invalidRequest(
                            "Unsupported role for Anthropic: " + m.path("role"), where + ".role");
            }
        }
        messages.removeIf(message -> message.path("content").isEmpty());
        if (!system.isEmpty()) {
            out.set("system", system);
        }
        out.put("max_tokens", maxTokens(openAi, defaultMaxTokens));
        copyNumber(openAi, out, "temperature");
        copyNumber(openAi, out, "top_p");
        copyNumber(openAi, out, "top_k");
        JsonNode stop = openAi.get("stop");
        if (stop != null && stop.isTextual()) {
            out.putArray("stop_sequences").add(stop.asText());
        } else if (stop != null && stop.isArray() && !stop.isEmpty()) {
            out.set("stop_sequences", stop);
        }
        AnthropicTools.map(openAi, out);
        if (openAi.path("user").isTextual()) {
            out.putObject("metadata").put("user_id", openAi.get("user").asText());
        }
        if (openAi.path("thinking").isObject()) {
            out.set("thinking", openAi.get("thinking"));
        }
        if (stream) {
            out.put("stream", true);
        }
        return out;
    }

    private static void assistant(ArrayNode blocks, JsonNode m, String where) {
        blocks.addAll(AnthropicContent.blocks(m.get("content"), where + ".content"));
        JsonNode calls = m.path("tool_calls");
        for (int j = 0; j < calls.size(); j++) {
            JsonNode call = calls.get(j);
            ObjectNode use = blocks.addObject();
            use.put("type", "tool_use");
            use.put("id", call.path("id").asText());
            use.put("name", call.path("function").path("name").asText());
            use.set(
                    "input",
                    OpenAiShapes.toolArguments(
                            call.path("function").path("arguments"),
                            where + ".tool_calls[" + j + "].function.arguments"));
        }
    }

    private static ObjectNode toolResult(JsonNode m, String where) {
        String id = m.path("tool_call_id").asText(m.path("name").asText(""));
        if (id.isEmpty()) {
            throw GatewayException.invalidRequest("A tool message needs its tool_call_id", where + ".tool_call_id");
        }
        ObjectNode result = NODES.objectNode();
        result.put("type", "tool_result");
        result.put("tool_use_id", id);
        JsonNode content = m.get("content");
        if (content != null && content.isArray()) {
            result.set("content", AnthropicContent.blocks(content, where + ".content"));
        } else {
            result.put("content", content == null || content.isNull() ? "" : content.asText());
        }
        return result;
    }

    /** The content array of the last turn when it has this role, else of a new turn. */
    private static ArrayNode turn(ArrayNode messages, String role) {
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            return (ArrayNode) last.get("content");
        }
        ObjectNode message = messages.addObject();
        message.put("role", role);
        return message.putArray("content");
    }

    private static int maxTokens(JsonNode openAi, int defaultMaxTokens) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = openAi.get(field);
            if (value != null && value.canConvertToInt() && value.asInt() > 0) {
                return value.asInt();
            }
        }
        return defaultMaxTokens;
    }

    private static void copyNumber(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && value.isNumber()) {
            to.set(field, value);
        }
    }
}
