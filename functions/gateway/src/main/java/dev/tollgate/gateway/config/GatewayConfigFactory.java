package dev.tollgate.gateway.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
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

    @Singleton
    public GatewayConfig gatewayConfig(@Value("${tollgate.config-yaml:}") String inline,
                                       @Value("${tollgate.config-file:}") String file,
                                       @Nullable SecretValues secrets,
                                       @Value("${tollgate.config.require-secrets:true}") boolean requireSecrets) {
        SecretValues resolved = secrets == null ? SecretValues.NONE : secrets;
        ConfigLoader loader = new ConfigLoader(name -> resolved.lookup(System::getenv, name), requireSecrets);
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
}
