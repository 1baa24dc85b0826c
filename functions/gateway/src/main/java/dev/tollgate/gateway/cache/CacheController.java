package dev.tollgate.gateway.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.errors.StoreUnavailableException;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.http.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LiteLLM's cache routes (docs/caching.md): {@code GET /cache/ping} (any valid key) and
 * {@code POST /cache/delete {"keys": [...]}} (master key: {@link AdminOnly}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CacheController {
    private final AdminAuth auth;
    private final RequestBodies bodies;
    private final ResponseCaching caching;

    CacheController(AdminAuth auth, RequestBodies bodies, ResponseCaching caching) {
        this.auth = auth;
        this.bodies = bodies;
        this.caching = caching;
    }

    @Get("/cache/ping")
    public Map<String, Object> ping(HttpRequest<?> request) {
        auth.authenticate(request);
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            caching.ping();
            body.put("status", "healthy");
        } catch (StoreUnavailableException e) {
            throw new GatewayException(
                    503, "service_unavailable", "The response cache's store did not answer", null, "cache_unavailable");
        }
        body.put("cache_type", "dynamodb-or-memory");
        body.putAll(caching.health());
        return body;
    }

    @AdminOnly
    @Post(uri = "/cache/delete", consumes = MediaType.ALL)
    public Map<String, Object> delete(@Nullable @Body byte[] body) {
        ObjectNode json = bodies.object(body);
        JsonNode keys = json.get("keys");
        if (keys == null || !keys.isArray()) {
            throw GatewayException.invalidRequest("'keys' must be a list of cache keys", "keys");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode key : keys) {
            if (!key.isTextual() || key.asText().isBlank()) {
                throw GatewayException.invalidRequest("'keys' must hold non-empty strings", "keys");
            }
            list.add(key.asText());
        }
        int deleted = caching.delete(list);
        return Map.of("status", "success", "deleted", deleted);
    }
}
