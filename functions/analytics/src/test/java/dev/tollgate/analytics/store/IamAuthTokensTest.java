package dev.tollgate.analytics.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class IamAuthTokensTest {

    @Test
    void token_isAPresignedConnectRequestForTheUser_validFifteenMinutes() {
        IamAuthTokens tokens = new IamAuthTokens(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                "eu-west-1",
                Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC));

        String token = tokens.token("db.cluster-x.eu-west-1.rds.amazonaws.com", 5432, "tollgate_app");

        // The format Aurora expects as the password: no scheme, host:port, then the signed query.
        assertTrue(token.startsWith("db.cluster-x.eu-west-1.rds.amazonaws.com:5432/?"), token);
        assertTrue(token.contains("Action=connect"), token);
        assertTrue(token.contains("DBUser=tollgate_app"), token);
        assertTrue(
                token.contains("X-Amz-Credential=AKIDEXAMPLE%2F20261205%2Feu-west-1%2Frds-db%2Faws4_request"), token);
        assertTrue(token.contains("X-Amz-Expires=900"), token);
        assertTrue(token.contains("X-Amz-Signature="), token);
    }
}
