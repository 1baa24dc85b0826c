package dev.tollgate.gateway.bridge.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;

/**
 * Responses API request → chat completion request: {@code instructions} becomes the first system message,
 * then the stored conversation of {@code previous_response_id} (if any), then {@code input} (a string,
 * or items: messages with text and image parts, function calls and their outputs); function tools,
 * {@code tool_choice}, {@code max_output_tokens}, {@code reasoning.effort}, {@code text.format}
 * (structured output) and sampling parameters are renamed. Not translated (docs/coding-agents.md):
 * built-in tools (web search, file search, computer use, Codex's local shell and free-form tools) and
 * reasoning items sent back in history are dropped; {@code include}, {@code truncation},
 * {@code prompt_cache_key} are ignored.
 */
public final class ResponsesRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResponsesRequests() {}

    /**
     * @param request the Responses request
     * @param history the chat messages of the previous response's conversation (empty when none)
     */
    public static ObjectNode toChat(ObjectNode request, ArrayNode history) {
        JsonNode model = request.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw GatewayException.invalidRequest("Missing required parameter: 'model'.", "model");
        }
        ObjectNode chat = NODES.objectNode();
        chat.put("model", model.asText());
        ArrayNode messages = chat.putArray("messages");
        if (request.path("instructions").isTextual()
                && !request.get("instructions").asText().isEmpty()) {
            messages.addObject()
                    .put("role", "system")
                    .put("content", request.get("instructions").asText());
        }
        messages.addAll(history);
        messages.addAll(inputMessages(request.get("input")));
        if (messages.isEmpty()) {
            throw GatewayException.invalidRequest("Missing required parameter: 'input'.", "input");
        }
        JsonNode max = request.get("max_output_tokens");
        if (max != null && !max.isNull()) {
            if (!max.canConvertToInt() || max.asInt() < 1) {
                throw GatewayException.invalidRequest(
                        "'max_output_tokens' must be a positive integer", "max_output_tokens");
            }
            chat.put("max_tokens", max.asInt());
        }
        for (String field : new String[] {"temperature", "top_p"}) {
            if (request.path(field).isNumber()) {
                chat.set(field, request.get(field));
            }
        }
        if (request.path("user").isTextual()) {
            chat.put("user", request.get("user").asText());
        }
        if (request.path("reasoning").path("effort").isTextual()) {
            chat.put("reasoning_effort", request.get("reasoning").get("effort").asText());
        }
        if (request.path("parallel_tool_calls").isBoolean()) {
            chat.set("parallel_tool_calls", request.get("parallel_tool_calls"));
        }
        format(request.path("text").path("format"), chat);
        tools(request, chat);
        if (request.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    /** The chat messages of a request's {@code input} (also what is stored for the next turn). */
    public static ArrayNode inputMessages(JsonNode input) {
        ArrayNode messages = NODES.arrayNode();
        if (input == null || input.isNull()) {
            return messages;
        }
        if (input.isTextual()) {
            messages.addObject().put("role", "user").put("content", input.asText());
            return messages;
        }
        if (!input.isArray()) {
            throw GatewayException.invalidRequest("'input' must be a string or an array of items", "input");
        }
        for (int i = 0; i < input.size(); i++) {
            item(input.get(i), "input[" + i + "]", messages);
        }
        return messages;
    }

    private static void item(JsonNode item, String where, ArrayNode messages) {
        String type = item.path("type").asText(item.has("role") ? "message" : "");
        switch (type) {
            case "message" -> message(item, where, messages);
            case "function_call" -> {
                ObjectNode call = NODES.objectNode();
                call.put("id", item.path("call_id").asText());
                call.put("type", "function");
                call.putObject("function")
                        .put("name", item.path("name").asText())
                        .put("arguments", item.path("arguments").asText("{}"));
                JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
                if (last != null
                        && "assistant".equals(last.path("role").asText())
                        && last.path("tool_calls").isArray()) {
                    ((ArrayNode) last.get("tool_calls")).add(call);
                } else {
                    ObjectNode assistant = messages.addObject().put("role", "assistant");
                    assistant.putNull("content");
                    assistant.putArray("tool_calls").add(call);
                }
            }
            case "function_call_output" -> {
                JsonNode output = item.path("output");
                messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", item.path("call_id").asText())
                        .put("content", output.isTextual() ? output.asText() : output.toString());
            }
            case "reasoning",
                    "item_reference",
                    "web_search_call",
                    "file_search_call",
                    "local_shell_call",
                    "local_shell_call_output",
                    "custom_tool_call",
                    "custom_tool_call_output",
                    "computer_call",
                    "computer_call_output",
                    "image_generation_call",
                    "code_interpreter_call",
                    "mcp_call" -> {}
            default ->
                throw GatewayException.invalidRequest("Unsupported input item type '" + type + "'", where + ".type");
        }
    }

    private static void message(JsonNode item, String where, ArrayNode messages) {
        String role = item.path("role").asText("user");
        if (!role.equals("user") && !role.equals("assistant") && !role.equals("system") && !role.equals("developer")) {
            throw GatewayException.invalidRequest("Unsupported role '" + role + "'", where + ".role");
        }
        JsonNode content = item.get("content");
        ObjectNode message = messages.addObject().put("role", role.equals("developer") ? "system" : role);
        if (content == null || content.isTextual()) {
            message.put("content", content == null ? "" : content.asText());
            return;
        }
        ArrayNode parts = NODES.arrayNode();
        StringBuilder text = new StringBuilder();
        boolean onlyText = true;
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            switch (part.path("type").asText()) {
                case "input_text", "output_text", "text" -> {
                    parts.addObject()
                            .put("type", "text")
                            .put("text", part.path("text").asText(""));
                    text.append(text.isEmpty() ? "" : "\n")
                            .append(part.path("text").asText(""));
                }
                case "refusal" -> text.append(part.path("refusal").asText(""));
                case "input_image" -> {
                    onlyText = false;
                    String url = part.path("image_url").asText("");
                    if (url.isEmpty()) {
                        throw GatewayException.invalidRequest(
                                "input_image needs an image_url (file ids are not supported)",
                                where + ".content[" + i + "]");
                    }
                    ObjectNode image = parts.addObject().put("type", "image_url");
                    image.putObject("image_url")
                            .put("url", url)
                            .put("detail", part.path("detail").asText("auto"));
                }
                default ->
                    throw GatewayException.invalidRequest(
                            "Unsupported content type '" + part.path("type").asText() + "'",
                            where + ".content[" + i + "].type");
            }
        }
        if (onlyText || role.equals("assistant")) {
            message.put("content", text.toString());
        } else {
            message.set("content", parts);
        }
    }

    private static void tools(JsonNode request, ObjectNode chat) {
        ArrayNode tools = NODES.arrayNode();
        for (JsonNode tool : request.path("tools")) {
            if (!"function".equals(tool.path("type").asText())) {
                continue; // built-in tools exist only at OpenAI: not bridged
            }
            ObjectNode function =
                    NODES.objectNode().put("name", tool.path("name").asText());
            if (tool.path("description").isTextual()) {
                function.put("description", tool.get("description").asText());
            }
            function.set(
                    "parameters",
                    tool.path("parameters").isObject()
                            ? tool.get("parameters")
                            : NODES.objectNode().put("type", "object"));
            if (tool.path("strict").isBoolean()) {
                function.set("strict", tool.get("strict"));
            }
            tools.addObject().put("type", "function").set("function", function);
        }
        if (tools.isEmpty()) {
            return;
        }
        chat.set("tools", tools);
        JsonNode choice = request.path("tool_choice");
        if (choice.isTextual()) {
            chat.put("tool_choice", choice.asText());
        } else if ("function".equals(choice.path("type").asText())) {
            chat.putObject("tool_choice")
                    .put("type", "function")
                    .putObject("function")
                    .put("name", choice.path("name").asText());
        }
    }

    private static void format(JsonNode format, ObjectNode chat) {
        switch (format.path("type").asText("")) {
            case "json_object" -> chat.putObject("response_format").put("type", "json_object");
            case "json_schema" -> {
                ObjectNode schema = NODES.objectNode();
                schema.put("name", format.path("name").asText("response"));
                if (format.has("schema")) {
                    schema.set("schema", format.get("schema"));
                }
                if (format.path("strict").isBoolean()) {
                    schema.set("strict", format.get("strict"));
                }
                ObjectNode responseFormat = chat.putObject("response_format").put("type", "json_schema");
                responseFormat.set("json_schema", schema);
            }
            default -> {}
        }
    }
}
