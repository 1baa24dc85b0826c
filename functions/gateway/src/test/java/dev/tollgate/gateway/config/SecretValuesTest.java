package dev.tollgate.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets from Secrets Manager, through the real SDK client against a loopback fake that speaks its
 * JSON protocol (no Secrets Manager emulator runs here).
 */
class SecretValuesTest {

    @Test
    void load_readsMasterKeyAndProviderSecrets_andEnvironmentWinsOverSecrets() throws Exception {
        List<String> asked = new ArrayList<>();
        HttpServer fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        fake.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " " + body);
            String secret = body.contains("master")
                    ? "sk-master-from-secret\\n"
                    : "{\\\"OPENAI_API_KEY\\\":\\\"sk-openai-from-secret\\\",\\\"GROQ_KEY\\\":\\\"gsk\\\"}";
            byte[] answer = ("{\"ARN\":\"arn\",\"Name\":\"n\",\"SecretString\":\"" + secret + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        fake.start();
        try {
            Map<String, String> env = Map.of(
                    SecretValues.MASTER_KEY_ARN,
                    "arn:aws:secretsmanager:eu-west-1:1:secret:master",
                    SecretValues.PROVIDER_SECRETS_ARN,
                    "arn:aws:secretsmanager:eu-west-1:1:secret:providers",
                    "GROQ_KEY",
                    "gsk-from-env");
            SecretValues secrets = SecretValues.load(
                    env::get,
                    () -> SecretsManagerClient.builder()
                            .endpointOverride(URI.create(
                                    "http://127.0.0.1:" + fake.getAddress().getPort()))
                            .region(Region.EU_WEST_1)
                            .httpClientBuilder(UrlConnectionHttpClient.builder())
                            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                            .build());

            assertEquals("sk-master-from-secret", secrets.masterKey());
            assertEquals("sk-openai-from-secret", secrets.lookup(env::get, "OPENAI_API_KEY"));
            assertEquals("gsk-from-env", secrets.lookup(env::get, "GROQ_KEY"));
            assertNull(secrets.lookup(env::get, "MISSING"));
            assertEquals(2, asked.size());
            assertEquals(true, asked.get(0).startsWith("secretsmanager.GetSecretValue"));
        } finally {
            fake.stop(0);
        }
    }

    @Test
    void load_withNoSecretsNamed_makesNoCall() {
        SecretValues secrets = SecretValues.load(name -> null, () -> {
            throw new AssertionError("no client should be built");
        });

        assertSame(SecretValues.NONE, secrets);
    }
}
