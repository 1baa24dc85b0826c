package dev.tollgate.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the gateway serves, its settings and its routing: the parsed, validated {@code tollgate.yml}.
 * Several entries may share a public name: they are the deployments of one model group, chosen by weight.
 */
public record GatewayConfig(
        List<ModelDeployment> models, GatewaySettings settings, RouterSettings router, String source) {

    public GatewayConfig {
        models = List.copyOf(models);
        settings = settings == null ? GatewaySettings.DEFAULT : settings;
        router = router == null ? RouterSettings.DEFAULT : router;
        Map<String, List<ModelDeployment>> groups = new LinkedHashMap<>();
        for (ModelDeployment m : models) {
            if (m.name() == null || m.name().isBlank()) {
                throw new ConfigException("every entry under models needs a name");
            }
            List<ModelDeployment> group = groups.computeIfAbsent(m.name(), k -> new ArrayList<>());
            if (group.contains(m)) {
                throw new ConfigException("model '" + m.name() + "' is configured twice with the same settings");
            }
            group.add(m);
        }
        checkRoutes(router.fallbacks(), groups, "fallbacks");
        checkRoutes(router.contextWindowFallbacks(), groups, "context_window_fallbacks");
    }

    public GatewayConfig(List<ModelDeployment> models, GatewaySettings settings, String source) {
        this(models, settings, RouterSettings.DEFAULT, source);
    }

    /** The first deployment of a public name. */
    public Optional<ModelDeployment> model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Every deployment serving a public name, in configuration order. */
    public List<ModelDeployment> group(String name) {
        return models.stream().filter(m -> m.name().equals(name)).toList();
    }

    /** The public names, once each, in configuration order. */
    public List<String> modelNames() {
        return models.stream().map(ModelDeployment::name).distinct().toList();
    }

    private static void checkRoutes(
            Map<String, List<String>> routes, Map<String, List<ModelDeployment>> groups, String what) {
        if (routes == null) {
            return;
        }
        routes.forEach((from, to) -> {
            if (!groups.containsKey(from)) {
                throw new ConfigException(
                        "router_settings." + what + " names model '" + from + "', which is not configured");
            }
            for (String target : to) {
                if (!groups.containsKey(target)) {
                    throw new ConfigException("router_settings." + what + " for '" + from + "' names model '" + target
                            + "', which is not configured");
                }
            }
        });
    }
}
