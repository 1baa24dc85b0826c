package dev.tollgate.gateway.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
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
            throw GatewayException.invalidRequest("Missing required field 'model'", "model");
        }
        if (!model.isTextual() || model.asText().isBlank()) {
            throw GatewayException.invalidRequest("'model' must be a non-empty string", "model");
        }
        return model.asText();
    }

    public static void chat(ObjectNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            throw GatewayException.invalidRequest("Missing required field 'messages'", "messages");
        }
        if (!messages.isArray()) {
            throw GatewayException.invalidRequest("'messages' must be an array of message objects", "messages");
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalidRequest("'messages' must contain at least one message", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                throw GatewayException.invalidRequest("'" + where + "' must be an object", where);
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                throw GatewayException.invalidRequest(
                        "'" + where + ".role' is required and must be a string", where + ".role");
            }
            if (!ROLES.contains(role.asText())) {
                throw GatewayException.invalidRequest(
                        "'" + where + ".role' must be one of " + ROLES + ", got '" + role.asText() + "'",
                        where + ".role");
            }
            JsonNode content = m.get("content");
            if (content != null && !content.isNull() && !content.isTextual() && !content.isArray()) {
                throw GatewayException.invalidRequest(
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
                throw GatewayException.invalidRequest("'stream_options' must be an object", "stream_options");
            }
            JsonNode include = streamOptions.get("include_usage");
            if (include != null && !include.isNull() && !include.isBoolean()) {
                throw GatewayException.invalidRequest(
                        "'stream_options.include_usage' must be a boolean", "stream_options.include_usage");
            }
        }
    }

    public static void embeddings(ObjectNode body) {
        JsonNode input = body.get("input");
        if (input == null || input.isNull()) {
            throw GatewayException.invalidRequest("Missing required field 'input'", "input");
        }
        if (!input.isTextual() && !input.isArray()) {
            throw GatewayException.invalidRequest("'input' must be a string or an array", "input");
        }
        if (input.isArray() && input.isEmpty()) {
            throw GatewayException.invalidRequest("'input' must not be empty", "input");
        }
        positiveInt(body, "dimensions");
    }

    private static void optionalBoolean(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isBoolean()) {
            throw GatewayException.invalidRequest("'" + field + "' must be a boolean", field);
        }
    }

    private static void optionalNumber(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value != null && !value.isNull() && !value.isNumber()) {
            throw GatewayException.invalidRequest("'" + field + "' must be a number", field);
        }
    }

    private static void positiveInt(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw GatewayException.invalidRequest("'" + field + "' must be a positive integer", field);
        }
    }
}
