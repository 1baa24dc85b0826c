package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import java.util.LinkedHashMap;
import java.util.Map;

/** OpenAI's error body, {@code {"error":{"message","type","param","code"}}}, for a {@link GatewayException}. */
public final class OpenAiErrorBody {
    private OpenAiErrorBody() {}

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
