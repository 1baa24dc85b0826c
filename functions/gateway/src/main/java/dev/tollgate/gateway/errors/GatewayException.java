package dev.tollgate.gateway.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the client will be told about: its class ({@code status}, an HTTP status code because that is
 * the vocabulary every OpenAI-compatible client already speaks, upstream statuses included), OpenAI's
 * {@code type}, {@code param} and {@code code}, a message, and hints such as {@code Retry-After}. Domain code
 * throws it and never builds a response: {@code http/GatewayExceptionHandler} and {@code http/OpenAiErrorBody}
 * turn it into the response and the {@code {"error":{…}}} body in one place. Nothing else leaves the
 * gateway (no stack traces, no HTML).
 */
public class GatewayException extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public GatewayException(int status, String type, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public static GatewayException invalidRequest(String message, String param) {
        return new GatewayException(400, "invalid_request_error", message, param, null);
    }

    public static GatewayException unauthorized(String message) {
        return new GatewayException(401, "invalid_request_error", message, null, "invalid_api_key");
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(403, "permission_error", message, null, "forbidden");
    }

    public static GatewayException modelNotFound(String message) {
        return new GatewayException(404, "invalid_request_error", message, "model", "model_not_found");
    }

    public static GatewayException notFound(String message) {
        return new GatewayException(404, "invalid_request_error", message, null, "not_found");
    }

    public static GatewayException tooLarge(long limitBytes) {
        return new GatewayException(
                413,
                "invalid_request_error",
                "Request body is larger than the configured limit of " + limitBytes + " bytes",
                null,
                "request_too_large");
    }

    public static GatewayException upstreamUnavailable(String message) {
        return new GatewayException(502, "upstream_error", message, null, "upstream_unavailable");
    }

    public static GatewayException upstreamTimeout(String message) {
        return new GatewayException(504, "timeout_error", message, null, "upstream_timeout");
    }

    public static GatewayException internal(String message) {
        return new GatewayException(500, "internal_error", message, null, "internal_error");
    }

    public GatewayException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
