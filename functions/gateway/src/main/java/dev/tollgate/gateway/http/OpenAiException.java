package dev.tollgate.gateway.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error that reaches the client in OpenAI's shape:
 * {@code {"error":{"message","type","param","code"}}} with an HTTP status and optional extra headers.
 * Every failure a client can see is one of these; nothing else leaves the gateway (no stack traces, no HTML).
 */
public class OpenAiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;
    private final String code;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public OpenAiException(int status, String type, String message, String param, String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    public static OpenAiException invalidRequest(String message, String param) {
        return new OpenAiException(400, "invalid_request_error", message, param, null);
    }

    public static OpenAiException unauthorized(String message) {
        return new OpenAiException(401, "invalid_request_error", message, null, "invalid_api_key");
    }

    public static OpenAiException forbidden(String message) {
        return new OpenAiException(403, "permission_error", message, null, "forbidden");
    }

    public static OpenAiException modelNotFound(String message) {
        return new OpenAiException(404, "invalid_request_error", message, "model", "model_not_found");
    }

    public static OpenAiException notFound(String message) {
        return new OpenAiException(404, "invalid_request_error", message, null, "not_found");
    }

    public static OpenAiException tooLarge(long limitBytes) {
        return new OpenAiException(
                413,
                "invalid_request_error",
                "Request body is larger than the configured limit of " + limitBytes + " bytes",
                null,
                "request_too_large");
    }

    public static OpenAiException upstreamUnavailable(String message) {
        return new OpenAiException(502, "upstream_error", message, null, "upstream_unavailable");
    }

    public static OpenAiException upstreamTimeout(String message) {
        return new OpenAiException(504, "timeout_error", message, null, "upstream_timeout");
    }

    public static OpenAiException internal(String message) {
        return new OpenAiException(500, "internal_error", message, null, "internal_error");
    }

    public OpenAiException withHeader(String name, String value) {
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

    /** The JSON body: a map so any JSON codec writes it the same way. */
    public Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        return Map.of("error", error);
    }
}
