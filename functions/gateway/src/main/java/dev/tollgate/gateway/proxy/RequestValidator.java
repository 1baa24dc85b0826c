package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.OpenAiException;
import java.util.Set;

/**
 * Checks the fields the gateway itself relies on, naming the field in the error ({@code param}).
 * Everything else is the upstream's to judge and passes through untouched.
 */
public final class RequestValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");

    private RequestValidator() {}

    public static String model(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || model.isNull()) {
            throw OpenAiException.invalidRequest("Missing required field 'model'", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw OpenAiException.invalidRequest("'model' must be a non-empty string", "model");
        }
        return model.asText();
    }

    public static void chat(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw OpenAiException.invalidRequest("Missing required field 'messages'", "messages");
        }
        if (!messages.isArray()) {
            throw OpenAiException.invalidRequest("'messages' must be an array of message objects", "messages");
        }
        if (messages.isEmpty()) {
            throw OpenAiException.invalidRequest("'messages' must contain at least one message", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                throw OpenAiException.invalidRequest("'" + where + "' must be an object", where);
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                throw OpenAiException.invalidRequest(
                        "'" + where + ".role' is required and must be a string", where + ".role");
            }
            if (!ROLES.contains(role.asText())) {
                throw OpenAiException.invalidRequest(
                        "'" + where + ".role' must be one of " + ROLES + ", got '" + role.asText() + "'",
                        where + ".role");
            }
            JsonNode content = m.get("content");
            if (content != null && !content.isNull() && !content.isTextual() && !content.isArray()) {
                throw OpenAiException.invalidRequest(
                        "'" + where + ".content' must be a string or an array of content parts", where + ".content");
            }
        }
        optionalBoolean(body, "stream");
        positiveInt(body, "max_tokens");
        positiveInt(body, "max_completion_tokens");
        positiveInt(body, "n");
        optionalNumber(body, "temperature");
        optionalNumber(body, "top_p");
        JsonNode streamOptions = body.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw OpenAiException.invalidRequest("'stream_options' must be an object", "stream_options");
            }
            JsonNode include = streamOptions.get("include_usage");
            if (include != null && !include.isNull() && !include.isBoolean()) {
                throw OpenAiException.invalidRequest(
                        "'stream_options.include_usage' must be a boolean", "stream_options.include_usage");
            }
        }
    }

    public static void embeddings(ObjectNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw OpenAiException.invalidRequest("Missing required field 'input'", "input");
        }
        if (!input.isTextual() && !input.isArray()) {
            throw OpenAiException.invalidRequest("'input' must be a string or an array", "input");
        }
        if (input.isArray() && input.isEmpty()) {
            throw OpenAiException.invalidRequest("'input' must not be empty", "input");
        }
        positiveInt(body, "dimensions");
    }

    private static void optionalBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw OpenAiException.invalidRequest("'" + field + "' must be a boolean", field);
        }
    }

    private static void optionalNumber(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isNumber()) {
            throw OpenAiException.invalidRequest("'" + field + "' must be a number", field);
        }
    }

    private static void positiveInt(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw OpenAiException.invalidRequest("'" + field + "' must be a positive integer", field);
        }
    }
}
