package dev.tollgate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets read once at start-up from AWS Secrets Manager (so nothing secret sits in environment
 * variables or templates): the master key ({@code TOLLGATE_MASTER_KEY_SECRET_ARN}, the secret string)
 * and provider keys ({@code TOLLGATE_PROVIDER_SECRETS_ARN}, a JSON object of NAME → value that
 * {@code ${NAME}} references in {@code tollgate.yml} resolve from). With SnapStart they are read during
 * initialisation, before the snapshot: rotating a secret takes a new published version.
 */
public final class SecretValues {
    public static final String MASTER_KEY_ARN = "TOLLGATE_MASTER_KEY_SECRET_ARN";
    public static final String PROVIDER_SECRETS_ARN = "TOLLGATE_PROVIDER_SECRETS_ARN";
    public static final SecretValues NONE = new SecretValues(null, Map.of());

    private final String masterKey;
    private final Map<String, String> values;

    public SecretValues(String masterKey, Map<String, String> values) {
        this.masterKey = masterKey;
        this.values = Map.copyOf(values);
    }

    /** Reads the secrets the environment names; none named means none read (and no AWS call). */
    public static SecretValues load(
            Function<String, String> env, java.util.function.Supplier<SecretsManagerClient> client) {
        String masterArn = env.apply(MASTER_KEY_ARN);
        String providerArn = env.apply(PROVIDER_SECRETS_ARN);
        if (blank(masterArn) && blank(providerArn)) {
            return NONE;
        }
        try (SecretsManagerClient secrets = client.get()) {
            String master = blank(masterArn)
                    ? null
                    : secrets.getSecretValue(b -> b.secretId(masterArn))
                            .secretString()
                            .trim();
            Map<String, String> values = blank(providerArn)
                    ? Map.of()
                    : parse(secrets.getSecretValue(b -> b.secretId(providerArn)).secretString());
            return new SecretValues(master, values);
        }
    }

    /** The master key from Secrets Manager, or null. */
    public String masterKey() {
        return masterKey;
    }

    /** An environment variable, else a provider secret of that name, else null. */
    public String lookup(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value != null ? value : values.get(name);
    }

    private static Map<String, String> parse(String json) {
        try {
            JsonNode node = new ObjectMapper().readTree(json);
            Map<String, String> values = new HashMap<>();
            node.fields()
                    .forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            return values;
        } catch (IOException e) {
            throw new ConfigException("the provider secrets must be a JSON object of NAME → value");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
