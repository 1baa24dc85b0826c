package dev.tollgate.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Turns an upstream error answer into an {@link UpstreamException}, keeping the upstream's own message. */
public final class UpstreamErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 2000;

    private UpstreamErrors() {}

    public static UpstreamException from(int status, InputStream body, String upstreamName, int attempts) {
        String text;
        try (InputStream in = body) {
            text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException e) {
            text = "";
        }
        return from(status, text, upstreamName, attempts);
    }

    public static UpstreamException from(int status, String text, String upstreamName, int attempts) {
        JsonNode error = parse(text).path("error");
        String message;
        String type = null;
        String param = null;
        String code = null;
        if (error.isObject()) {
            message = error.path("message").asText("");
            type = textOrNull(error.get("type"));
            param = textOrNull(error.get("param"));
            code = textOrNull(error.get("code"));
        } else if (error.isTextual()) {
            message = error.asText();
        } else {
            message = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        }
        if (status >= 500) {
            message = "Upstream " + upstreamName + " failed with HTTP " + status + " after " + attempts
                    + " attempt(s): " + message;
            type = "upstream_error";
            code = "upstream_error";
        }
        if (type == null) {
            type = status == 429 ? "rate_limit_error" : "invalid_request_error";
        }
        return new UpstreamException(
                status, type, message.isBlank() ? "HTTP " + status : message, param, code, attempts);
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JSON.nullNode() : node;
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
