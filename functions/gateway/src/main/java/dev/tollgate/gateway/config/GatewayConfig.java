package dev.tollgate.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The models the gateway serves and its settings: the parsed, validated {@code tollgate.yml}. */
public record GatewayConfig(List<ModelDeployment> models, GatewaySettings settings, String source) {

    public GatewayConfig {
        models = List.copyOf(models);
        settings = settings == null ? GatewaySettings.DEFAULT : settings;
        Map<String, ModelDeployment> seen = new LinkedHashMap<>();
        for (ModelDeployment m : models) {
            if (m.name() == null || m.name().isBlank()) {
                throw new ConfigException("every entry under models needs a name");
            }
            if (seen.put(m.name(), m) != null) {
                throw new ConfigException("model '" + m.name() + "' is configured twice");
            }
        }
    }

    public Optional<ModelDeployment> model(String name) {
        for (ModelDeployment m : models) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public List<String> modelNames() {
        return models.stream().map(ModelDeployment::name).toList();
    }
}
