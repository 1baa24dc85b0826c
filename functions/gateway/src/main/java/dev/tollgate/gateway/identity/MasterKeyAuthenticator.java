package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Accepts the master key only (compared as SHA-256 digests in constant time). Virtual keys replace
 * this bean with one that looks keys up in DynamoDB.
 */
@Singleton
public class MasterKeyAuthenticator implements Authenticator {
    private final MasterKey master;

    public MasterKeyAuthenticator(@Value("${tollgate.master-key:}") String masterKey) {
        this.master = new MasterKey(masterKey);
    }

    @Override
    public Principal authenticate(String presentedKey) {
        if (presentedKey != null && master.matches(ApiKeys.sha256(presentedKey))) {
            return master.principal();
        }
        throw GatewayException.unauthorized("Invalid API key: " + ApiKeys.redact(presentedKey));
    }

    @Override
    public Principal authenticateHash(String keyHash) {
        if (master.matchesHash(keyHash)) {
            return master.principal();
        }
        throw GatewayException.unauthorized("Invalid dashboard session; sign in again.");
    }
}
