package dev.tollgate.gateway.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration once at start-up, from (first match): inline YAML in
 * {@code tollgate.config-yaml} (env {@code TOLLGATE_CONFIG_YAML}; how the CDK stack passes it), the file
 * named by {@code tollgate.config-file} ({@code --config FILE}), {@code ./tollgate.yml}, or the built-in
 * mock models.
 */
@Factory
public class GatewayConfigFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfigFactory.class);

    /** The environment variable the CDK stack passes the configuration in. */
    static final String CONFIG_YAML_ENV = "TOLLGATE_CONFIG_YAML";

    @Singleton
    public GatewayConfig gatewayConfig(
            Environment environment,
            @Value("${tollgate.config-file:}") String file,
            @Nullable SecretValues secrets,
            @Value("${tollgate.config.require-secrets:true}") boolean requireSecrets) {
        SecretValues resolved = secrets == null ? SecretValues.NONE : secrets;
        ConfigLoader loader = new ConfigLoader(name -> resolved.lookup(System::getenv, name), requireSecrets);
        String inline = inlineYaml(environment);
        GatewayConfig config;
        if (!inline.isBlank()) {
            config = loader.parse(inline, "tollgate.config-yaml");
        } else if (!file.isBlank()) {
            config = loader.load(Path.of(file));
        } else if (Files.isRegularFile(Path.of("tollgate.yml"))) {
            config = loader.load(Path.of("tollgate.yml"));
        } else {
            config = ConfigLoader.defaults();
        }
        LOG.info("Configuration from {}: models {}", config.source(), config.modelNames());
        return config;
    }

    /**
     * The inline YAML, read raw from {@code TOLLGATE_CONFIG_YAML} when set: read as a property, its
     * {@code ${NAME}} secret references would be taken for Micronaut placeholders. Else the
     * {@code tollgate.config-yaml} property (tests, embedding).
     */
    private static String inlineYaml(Environment environment) {
        String raw = System.getenv(CONFIG_YAML_ENV);
        if (raw != null && !raw.isBlank()) {
            return raw;
        }
        return environment.getProperty("tollgate.config-yaml", String.class).orElse("");
    }
}
