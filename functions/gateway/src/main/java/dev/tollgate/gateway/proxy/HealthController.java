package dev.tollgate.gateway.proxy;

import dev.tollgate.gateway.cache.ResponseCaching;
import dev.tollgate.gateway.storage.StorageProbe;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /health}: no authentication; 200 when every configured store answers, else 503 naming the one that does not; the response cache's size and hit rate. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class HealthController {
    private final List<StorageProbe> probes;
    private final ResponseCaching cache;

    public HealthController(List<StorageProbe> probes, ResponseCaching cache) {
        this.probes = probes;
        this.cache = cache;
    }

    @Get("/health")
    public HttpResponse<Map<String, Object>> health() {
        Map<String, String> storage = new java.util.TreeMap<>();
        boolean healthy = true;
        for (StorageProbe probe : probes) {
            String state = probe.check();
            storage.put(probe.name(), state);
            healthy &= "ok".equals(state);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "ok" : "degraded");
        body.put("storage", storage);
        body.put("cache", cache.health());
        return HttpResponse.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body);
    }
}
