package dev.tollgate.gateway.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes keys; keys are only ever kept as hashes. */
public final class ApiKeys {
    private ApiKeys() {}

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
