package dev.tollgate.gateway.cost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.http.AdminAuth;
import dev.tollgate.gateway.http.ProxyAuth;
import dev.tollgate.gateway.http.RequestBodies;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code POST /spend/calculate}, {@code POST /predict}, {@code GET /pricing}, {@code GET /model/info}; any valid key.
 * The two read-only GETs also take a dashboard session ({@link AdminAuth}).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
public class CostController {
    private final ProxyAuth auth;
    private final AdminAuth readers;
    private final RequestBodies bodies;
    private final CostService costs;

    public CostController(ProxyAuth auth, AdminAuth readers, RequestBodies bodies, CostService costs) {
        this.auth = auth;
        this.readers = readers;
        this.bodies = bodies;
        this.costs = costs;
    }

    @Post(uri = "/spend/calculate", consumes = MediaType.ALL)
    public ObjectNode calculate(HttpRequest<?> request, @Nullable @Body byte[] body) {
        auth.authenticate(request);
        return costs.calculate(bodies.object(body));
    }

    @Post(uri = "/predict", consumes = MediaType.ALL)
    public ObjectNode predict(HttpRequest<?> request, @Nullable @Body byte[] body) {
        return costs.predict(bodies.object(body), auth.authenticate(request).principal());
    }

    @Get("/pricing")
    public ObjectNode pricing(HttpRequest<?> request) {
        readers.authenticate(request);
        return costs.pricing();
    }

    @Get(uris = {"/model/info", "/v1/model/info"})
    public ObjectNode modelInfo(HttpRequest<?> request) {
        readers.authenticate(request);
        return costs.modelInfo();
    }
}
