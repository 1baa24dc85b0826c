package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.http.OpenAiException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reads the key from the headers the SDKs send, and hashes keys; keys are only ever kept as hashes. */
public final class ApiKeys {
    private ApiKeys() {}

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
        throw OpenAiException.unauthorized(
                "No API key provided. Send 'Authorization: Bearer <key>' (or an 'api-key' / 'x-api-key' header).");
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A key shown in messages and logs: its first characters only. */
    public static String redact(String key) {
        if (key == null || key.length() < 8) {
            return "****";
        }
        return key.substring(0, Math.min(6, key.length() - 4)) + "****";
    }
}
