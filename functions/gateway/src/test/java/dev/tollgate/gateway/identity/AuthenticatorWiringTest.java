package dev.tollgate.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Virtual keys replace the master-key-only authenticator only when storage is configured. */
class AuthenticatorWiringTest {

    @Test
    void withoutStorage_theMasterKeyAuthenticatorStays() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("tollgate.master-key", "sk-wiring-master"))) {
            assertInstanceOf(MasterKeyAuthenticator.class, context.getBean(Authenticator.class));
            assertFalse(context.containsBean(IdentityStore.class));
        }
    }

    @Test
    void withStorage_virtualKeysArePrimary() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "tollgate.master-key",
                "sk-wiring-master",
                "tollgate.storage.table",
                "wiring",
                "tollgate.storage.region",
                "us-east-1",
                "tollgate.storage.dynamodb-endpoint",
                "http://127.0.0.1:9"))) {
            assertInstanceOf(VirtualKeyAuthenticator.class, context.getBean(Authenticator.class));
            assertInstanceOf(DynamoDbIdentityStore.class, context.getBean(IdentityStore.class));
            assertTrue(context.getBean(Authenticator.class)
                    .authenticate("sk-wiring-master")
                    .admin());
        }
    }
}
