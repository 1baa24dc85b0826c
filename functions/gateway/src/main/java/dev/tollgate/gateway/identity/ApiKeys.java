package dev.tollgate.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Hashes keys; keys are only ever kept as hashes. */
public final class ApiKeys {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private ApiKeys() {}

    /**
     * The stored hash that a "key or its hash" parameter names: LiteLLM's {@code key}, {@code token} and
     * {@code api_key} parameters take either. The rule, the same everywhere: exactly 64 hex digits (either
     * case) is a SHA-256 already and is returned lower-cased, as hashes are stored; anything else is a key
     * and is hashed ({@link #sha256Hex}). No key is 64 hex digits: generated keys and custom ones
     * ({@code /key/generate}'s {@code key}, {@code /key/regenerate}'s {@code new_key}) must start with
     * {@code sk-}, so the two never meet. The value is used as given (callers trim if they must).
     */
    public static String hashOf(String keyOrHash) {
        return SHA256_HEX.matcher(keyOrHash).matches() ? keyOrHash.toLowerCase(Locale.ROOT) : sha256Hex(keyOrHash);
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
