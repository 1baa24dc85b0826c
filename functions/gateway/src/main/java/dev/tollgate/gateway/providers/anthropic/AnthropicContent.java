package dev.tollgate.gateway.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;

/**
 * Request mapping of message content: OpenAI content (a string or parts) to Anthropic content blocks.
 * Text parts stay text; {@code image_url} parts become image blocks (a {@code data:} URL as a base64
 * source, an http(s) URL as a url source); {@code file} parts with a data URL become document blocks.
 * A part's {@code cache_control} (prompt caching) is passed through unchanged.
 */
final class AnthropicContent {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicContent() {}

    static ArrayNode blocks(JsonNode content, String where) {
        ArrayNode blocks = NODES.arrayNode();
        if (content == null || content.isNull()) {
            return blocks;
        }
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                blocks.addObject().put("type", "text").put("text", content.asText());
            }
            return blocks;
        }
        if (!content.isArray()) {
            throw GatewayException.invalidRequest("content must be a string or an array of parts", where);
        }
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            ObjectNode block = part(part, where + "[" + i + "]");
            if (block == null) {
                continue;
            }
            if (part.has("cache_control")) {
                block.set("cache_control", part.get("cache_control"));
            }
            blocks.add(block);
        }
        return blocks;
    }

    private static ObjectNode part(JsonNode part, String where) {
        String type = part.path("type").asText();
        ObjectNode block = NODES.objectNode();
        switch (type) {
            case "text" -> {
                if (part.path("text").asText().isEmpty()) {
                    return null;
                }
                block.put("type", "text").put("text", part.path("text").asText());
            }
            case "image_url" -> {
                JsonNode image = part.path("image_url");
                String url =
                        image.isTextual() ? image.asText() : image.path("url").asText();
                block.put("type", "image").set("source", source(url, where + ".image_url.url"));
            }
            case "file" -> {
                String data = part.path("file").path("file_data").asText("");
                if (!data.startsWith("data:")) {
                    throw GatewayException.invalidRequest(
                            "Anthropic needs files inline as file_data data: URLs", where + ".file");
                }
                block.put("type", "document").set("source", source(data, where + ".file.file_data"));
            }
            default ->
                throw GatewayException.invalidRequest(
                        "Content part type '" + type + "' is not supported by Anthropic", where + ".type");
        }
        return block;
    }

    /** A {@code data:} URL as a base64 source, anything else as a url source. */
    static ObjectNode source(String url, String where) {
        ObjectNode source = NODES.objectNode();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !meta.endsWith(";base64")) {
                throw GatewayException.invalidRequest(
                        "A data URL must be base64: data:<media type>;base64,<data>", where);
            }
            source.put("type", "base64");
            source.put("media_type", meta.substring(0, meta.length() - ";base64".length()));
            source.put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            throw GatewayException.invalidRequest("An image must be an http(s) URL or a base64 data URL", where);
        }
        return source;
    }
}
