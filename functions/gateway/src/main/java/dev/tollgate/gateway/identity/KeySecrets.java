package dev.tollgate.gateway.identity;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New virtual-key secrets: {@code sk-} and 43 URL-safe characters (256 random bits from
 * {@link SecureRandom}). A secret is shown once, in the generate or regenerate response; only its
 * SHA-256 ({@link ApiKeys#sha256Hex}) and its first characters ({@link #prefix}) are stored.
 */
public final class KeySecrets {
    /** Characters of the secret kept for display: {@code sk-} and five more. */
    static final int PREFIX_LENGTH = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private KeySecrets() {}

    /** A new secret. */
    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "sk-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The first characters of a secret, safe to store and show: eight of a generated key; of a short
     * custom key only its first three, so the stored part never gives away much of it.
     */
    public static String prefix(String key) {
        return key.substring(0, Math.min(key.length() >= 32 ? PREFIX_LENGTH : 3, key.length()));
    }
}
