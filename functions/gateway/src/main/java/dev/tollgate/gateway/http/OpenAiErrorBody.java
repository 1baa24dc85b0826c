package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error body a client expects, for a {@link GatewayException}: OpenAI's
 * {@code {"error":{"message","type","param","code"}}} everywhere, and Anthropic's
 * {@code {"type":"error","error":{"type","message"}}} on the Messages API's routes (with Tollgate's
 * {@code code} beside, which Anthropic's SDKs ignore).
 */
public final class OpenAiErrorBody {
    private OpenAiErrorBody() {}

    /** The body for a request to {@code path}. */
    public static Map<String, Object> of(String path, GatewayException e) {
        return isMessagesApi(path) ? anthropic(e) : of(e);
    }

    static boolean isMessagesApi(String path) {
        return path != null && (path.startsWith("/v1/messages") || path.startsWith("/messages"));
    }

    /** Anthropic's error body. */
    public static Map<String, Object> anthropic(GatewayException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", anthropicType(e.status()));
        error.put("message", e.getMessage());
        if (e.code() != null) {
            error.put("code", e.code());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "error");
        body.put("error", error);
        return body;
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 400, 405, 415, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    /** A map, so any JSON codec writes it the same way. */
    public static Map<String, Object> of(GatewayException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.put("param", e.param());
        error.put("code", e.code());
        return Map.of("error", error);
    }
}
