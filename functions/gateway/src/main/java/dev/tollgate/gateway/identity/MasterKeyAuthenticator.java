package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.http.OpenAiException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.MessageDigest;

/**
 * Accepts the master key only (compared as SHA-256 digests in constant time). Virtual keys replace
 * this bean with one that looks keys up in DynamoDB.
 */
@Singleton
public class MasterKeyAuthenticator implements Authenticator {
    private final byte[] masterHash;
    private final String masterHashHex;

    public MasterKeyAuthenticator(@Value("${tollgate.master-key:}") String masterKey) {
        if (masterKey == null || masterKey.isBlank()) {
            throw new IllegalStateException(
                    "No master key: set TOLLGATE_MASTER_KEY (property tollgate.master-key). ./tollgate local generates one.");
        }
        this.masterHash = ApiKeys.sha256(masterKey);
        this.masterHashHex = ApiKeys.sha256Hex(masterKey);
    }

    @Override
    public Principal authenticate(String presentedKey) {
        if (presentedKey != null && MessageDigest.isEqual(masterHash, ApiKeys.sha256(presentedKey))) {
            return new Principal(masterHashHex, "master", true);
        }
        throw OpenAiException.unauthorized("Invalid API key: " + ApiKeys.redact(presentedKey));
    }
}
