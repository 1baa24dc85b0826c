package dev.tollgate.gateway.routing;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.http.AdminAuth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;
import java.util.Map;

/** {@code GET /health/models}: every deployment's recent health on this instance (any valid key). */
@Controller
public class HealthModelsController {
    private final GatewayConfig config;
    private final DeploymentHealth health;
    private final AdminAuth auth;

    public HealthModelsController(GatewayConfig config, DeploymentHealth health, AdminAuth auth) {
        this.config = config;
        this.health = health;
        this.auth = auth;
    }

    @Get("/health/models")
    public Map<String, Object> models(HttpRequest<?> request) {
        auth.authenticate(request);
        List<Map<String, Object>> data =
                config.models().stream().map(health::describe).toList();
        return Map.of("data", data);
    }
}
