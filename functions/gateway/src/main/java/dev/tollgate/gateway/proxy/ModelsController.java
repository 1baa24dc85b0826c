package dev.tollgate.gateway.proxy;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.http.ProxyAuth;
import dev.tollgate.gateway.routing.ModelResolver;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}, from the configuration. */
@Controller
public class ModelsController {
    private static final long CREATED = 1_735_689_600L; // 2025-01-01: configured models have no creation date

    private final GatewayConfig config;
    private final ProxyAuth auth;
    private final ModelResolver resolver;

    public ModelsController(GatewayConfig config, ProxyAuth auth, ModelResolver resolver) {
        this.config = config;
        this.auth = auth;
        this.resolver = resolver;
    }

    @Get(uris = {"/v1/models", "/models"})
    public Map<String, Object> list(HttpRequest<?> request) {
        auth.authenticate(request);
        List<Map<String, Object>> data =
                config.models().stream().map(ModelsController::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        return body;
    }

    @Get(uris = {"/v1/models/{+id}", "/models/{+id}"})
    public Map<String, Object> get(HttpRequest<?> request, @PathVariable String id) {
        auth.authenticate(request);
        return describe(resolver.resolve(id));
    }

    private static Map<String, Object> describe(ModelDeployment m) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", m.name());
        model.put("object", "model");
        model.put("created", CREATED);
        model.put("owned_by", m.providerId());
        return model;
    }
}
