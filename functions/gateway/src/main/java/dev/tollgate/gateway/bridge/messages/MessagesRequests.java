package dev.tollgate.gateway.bridge.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;

/**
 * Anthropic Messages request → OpenAI chat completion request, so a Messages call runs the same
 * pipeline as every chat call (budgets, routing, fallbacks, settlement) on any provider. On an Anthropic
 * (or Claude-on-Bedrock) deployment the provider maps it back, and what matters survives the round trip:
 * {@code system} blocks, text, images, documents, tool use and results, {@code cache_control} on blocks
 * and tools, {@code thinking}, stop sequences, sampling parameters. What is not translated is in
 * docs/coding-agents.md: thinking blocks sent back in history (dropped), server tools such as web search
 * (dropped: the bridge serves client tools only), {@code context_management}, {@code container},
 * {@code mcp_servers} (ignored).
 */
public final class MessagesRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessagesRequests() {}

    public static ObjectNode toChat(ObjectNode messages) {
        JsonNode model = messages.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw GatewayException.invalidRequest("model: Field required", "model");
        }
        JsonNode maxTokens = messages.get("max_tokens");
        if (maxTokens == null || !maxTokens.canConvertToInt() || maxTokens.asInt() < 1) {
            throw GatewayException.invalidRequest("max_tokens: a positive integer is required", "max_tokens");
        }
        JsonNode turns = messages.get("messages");
        if (turns == null || !turns.isArray() || turns.isEmpty()) {
            throw GatewayException.invalidRequest("messages: at least one message is required", "messages");
        }
        ObjectNode chat = NODES.objectNode();
        chat.put("model", model.asText());
        ArrayNode out = chat.putArray("messages");
        system(messages.get("system"), out);
        for (int i = 0; i < turns.size(); i++) {
            turn(turns.get(i), "messages[" + i + "]", out);
        }
        chat.put("max_tokens", maxTokens.asInt());
        copy(messages, chat, "temperature");
        copy(messages, chat, "top_p");
        copy(messages, chat, "top_k");
        if (messages.path("stop_sequences").isArray()
                && !messages.get("stop_sequences").isEmpty()) {
            chat.set("stop", messages.get("stop_sequences"));
        }
        MessagesTools.toChat(messages, chat);
        String userId = messages.path("metadata").path("user_id").asText("");
        if (!userId.isBlank() && !userId.startsWith("{")) {
            // Claude Code's user_id is a JSON blob of device and session ids, not a person: not an end user
            chat.put("user", userId);
        }
        if (messages.path("thinking").isObject()
                && "enabled".equals(messages.get("thinking").path("type").asText())) {
            chat.set("thinking", messages.get("thinking"));
        }
        if (messages.path("stream").asBoolean(false)) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        return chat;
    }

    private static void system(JsonNode system, ArrayNode out) {
        if (system == null || system.isNull()) {
            return;
        }
        if (system.isTextual()) {
            out.addObject().put("role", "system").put("content", system.asText());
            return;
        }
        if (!system.isArray()) {
            throw GatewayException.invalidRequest("system: a string or an array of text blocks", "system");
        }
        ArrayNode parts = NODES.arrayNode();
        for (int i = 0; i < system.size(); i++) {
            parts.add(MessagesContent.part(system.get(i), "system[" + i + "]"));
        }
        out.addObject().put("role", "system").set("content", parts);
    }

    private static void turn(JsonNode turn, String where, ArrayNode out) {
        String role = turn.path("role").asText();
        if (role.equals("system")) {
            system(turn.get("content"), out); // Claude Code sends its environment as a system turn
            return;
        }
        if (!role.equals("user") && !role.equals("assistant")) {
            throw GatewayException.invalidRequest("role must be 'user', 'assistant' or 'system'", where + ".role");
        }
        JsonNode content = turn.get("content");
        if (content == null || content.isNull()) {
            throw GatewayException.invalidRequest("content is required", where + ".content");
        }
        if (content.isTextual()) {
            out.addObject().put("role", role).put("content", content.asText());
            return;
        }
        if (!content.isArray()) {
            throw GatewayException.invalidRequest("content: a string or an array of blocks", where + ".content");
        }
        if (role.equals("assistant")) {
            assistant(content, where, out);
        } else {
            user(content, where, out);
        }
    }

    /** Text and tool uses become one assistant message with {@code tool_calls}; thinking is dropped. */
    private static void assistant(JsonNode blocks, String where, ArrayNode out) {
        ArrayNode parts = NODES.arrayNode();
        ArrayNode calls = NODES.arrayNode();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String at = where + ".content[" + i + "]";
            switch (block.path("type").asText()) {
                case "tool_use", "server_tool_use" -> calls.add(MessagesTools.toolCall(block, at));
                case "thinking", "redacted_thinking" -> {}
                default -> parts.add(MessagesContent.part(block, at));
            }
        }
        ObjectNode message = out.addObject().put("role", "assistant");
        if (parts.isEmpty()) {
            message.putNull("content");
        } else if (parts.size() == 1
                && !parts.get(0).has("cache_control")
                && parts.get(0).has("text")) {
            message.put("content", parts.get(0).get("text").asText());
        } else {
            message.set("content", parts);
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
    }

    /** Tool results become tool messages (first, as OpenAI wants them after the call); the rest one user message. */
    private static void user(JsonNode blocks, String where, ArrayNode out) {
        ArrayNode parts = NODES.arrayNode();
        for (int i = 0; i < blocks.size(); i++) {
            JsonNode block = blocks.get(i);
            String at = where + ".content[" + i + "]";
            if ("tool_result".equals(block.path("type").asText())) {
                out.add(MessagesTools.toolMessage(block, at));
            } else {
                parts.add(MessagesContent.part(block, at));
            }
        }
        if (!parts.isEmpty()) {
            out.addObject().put("role", "user").set("content", parts);
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value != null && value.isNumber()) {
            to.set(field, value);
        }
    }
}
