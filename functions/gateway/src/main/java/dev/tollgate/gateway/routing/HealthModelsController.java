package dev.tollgate.gateway.routing;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.failover.FailoverRouting;
import dev.tollgate.gateway.http.AdminAuth;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health/models} (any valid key): every deployment's status and the layer it comes from —
 * {@code sla_failover} (an SLA failover rule in force on every instance sends its model's calls elsewhere),
 * {@code instance_cooldown} (this instance's router skips it after recent failures), or {@code instance}
 * (healthy here; counters are this instance's).
 */
@Controller
public class HealthModelsController {
    private final GatewayConfig config;
    private final DeploymentHealth health;
    private final FailoverRouting failovers;
    private final AdminAuth auth;

    public HealthModelsController(
            GatewayConfig config, DeploymentHealth health, FailoverRouting failovers, AdminAuth auth) {
        this.config = config;
        this.health = health;
        this.failovers = failovers;
        this.auth = auth;
    }

    @Get("/health/models")
    public Map<String, Object> models(HttpRequest<?> request) {
        auth.authenticate(request);
        List<Map<String, Object>> data =
                config.models().stream().map(this::describe).toList();
        return Map.of("data", data);
    }

    private Map<String, Object> describe(ModelDeployment d) {
        Map<String, Object> view = new LinkedHashMap<>(health.describe(d));
        var failover = failovers.active(d.name());
        boolean cooling = !(Boolean) view.get("healthy");
        view.put("status", failover.isPresent() ? "failed_over" : cooling ? "cooling_down" : "healthy");
        view.put("status_source", failover.isPresent() ? "sla_failover" : cooling ? "instance_cooldown" : "instance");
        if (failover.isPresent()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rule_id", failover.get().ruleId());
            f.put("fallback_model", failover.get().fallbackModel());
            f.put("until", failover.get().until().toString());
            view.put("sla_failover", f);
        } else {
            view.put("sla_failover", null);
        }
        return view;
    }
}
