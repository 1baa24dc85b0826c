package dev.tollgate.gateway.http;

import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;

/** Reads the key a client presents, from the headers the SDKs send. */
public final class PresentedKeys {
    private PresentedKeys() {}

    /** {@code Authorization: Bearer k}, then {@code api-key: k} (Azure SDKs), then {@code x-api-key: k} (Anthropic SDKs). */
    public static String presented(HttpRequest<?> request) {
        String auth = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (auth != null && !auth.isBlank()) {
            String trimmed = auth.trim();
            if (trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return trimmed.substring(7).trim();
            }
            return trimmed;
        }
        String apiKey = request.getHeaders().get("api-key");
        if (apiKey != null && !apiKey.isBlank()) {
            return apiKey.trim();
        }
        String xApiKey = request.getHeaders().get("x-api-key");
        if (xApiKey != null && !xApiKey.isBlank()) {
            return xApiKey.trim();
        }
        throw GatewayException.unauthorized(
                "No API key provided. Send 'Authorization: Bearer <key>' (or an 'api-key' / 'x-api-key' header).");
    }
}
