package dev.tollgate.gateway.bridge.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;

/**
 * Anthropic content blocks → OpenAI content parts: text → text, image → {@code image_url} (base64 as a
 * {@code data:} URL), document (base64) → {@code file}. A block's {@code cache_control} stays on the part,
 * where the Anthropic provider finds it again.
 */
final class MessagesContent {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MessagesContent() {}

    static ObjectNode part(JsonNode block, String where) {
        ObjectNode part = NODES.objectNode();
        switch (block.path("type").asText()) {
            case "text" ->
                part.put("type", "text").put("text", block.path("text").asText(""));
            case "image" ->
                part.put("type", "image_url")
                        .putObject("image_url")
                        .put("url", url(block.path("source"), where + ".source"));
            case "document" -> {
                JsonNode source = block.path("source");
                if (source.path("type").asText().equals("text")) {
                    part.put("type", "text").put("text", source.path("data").asText(""));
                } else {
                    part.put("type", "file").putObject("file").put("file_data", url(source, where + ".source"));
                }
            }
            default ->
                throw GatewayException.invalidRequest(
                        "content block type '" + block.path("type").asText() + "' is not supported here",
                        where + ".type");
        }
        if (block.has("cache_control")) {
            part.set("cache_control", block.get("cache_control"));
        }
        return part;
    }

    private static String url(JsonNode source, String where) {
        return switch (source.path("type").asText()) {
            case "base64" ->
                "data:" + source.path("media_type").asText() + ";base64,"
                        + source.path("data").asText();
            case "url" -> source.path("url").asText();
            default -> throw GatewayException.invalidRequest("source type must be 'base64' or 'url'", where + ".type");
        };
    }
}
