package dev.tollgate.gateway.identity;

import java.security.MessageDigest;

/**
 * The master key, held as its SHA-256 only and compared in constant time. A function that serves no
 * API (the spend-log shipper, the scheduled jobs) runs without one: then nothing matches it. The API
 * handler refuses to start without one.
 */
public final class MasterKey {
    private final byte[] hash;
    private final String hashHex;

    public MasterKey(String key) {
        boolean present = key != null && !key.isBlank();
        this.hash = present ? ApiKeys.sha256(key) : null;
        this.hashHex = present ? ApiKeys.sha256Hex(key) : null;
    }

    public boolean configured() {
        return hash != null;
    }

    /** Whether a presented key's SHA-256 is the master key's. */
    public boolean matches(byte[] presentedDigest) {
        return hash != null && MessageDigest.isEqual(hash, presentedDigest);
    }

    /** Whether a SHA-256 (hex) is the master key's, compared in constant time. */
    public boolean matchesHash(String keyHashHex) {
        return hashHex != null
                && keyHashHex != null
                && MessageDigest.isEqual(
                        hashHex.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                        keyHashHex
                                .toLowerCase(java.util.Locale.ROOT)
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** The administrator. */
    public Principal principal() {
        return new Principal(hashHex, "master", true);
    }
}
