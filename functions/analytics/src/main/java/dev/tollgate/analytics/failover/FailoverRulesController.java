package dev.tollgate.analytics.failover;

import dev.tollgate.analytics.api.Listing;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.http.RequestBodies;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/** {@code /api/v1/sla/failover-rules} (master key); see {@link FailoverRules}. */
@AdminOnly
@Controller("/api/v1/sla/failover-rules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = FailoverRules.class)
public class FailoverRulesController {
    private final FailoverRules rules;
    private final RequestBodies bodies;

    public FailoverRulesController(FailoverRules rules, RequestBodies bodies) {
        this.rules = rules;
        this.bodies = bodies;
    }

    @Post(consumes = MediaType.ALL)
    public Map<String, Object> create(@Nullable @Body byte[] body) {
        return rules.create(bodies.object(body));
    }

    @Get
    public Map<String, Object> list() {
        return Listing.of(rules.list());
    }

    @Get("/{id}")
    public Map<String, Object> get(String id) {
        return rules.get(id);
    }

    @Put(uri = "/{id}", consumes = MediaType.ALL)
    public Map<String, Object> update(String id, @Nullable @Body byte[] body) {
        return rules.update(id, bodies.object(body));
    }

    @Delete("/{id}")
    public Map<String, Object> delete(String id) {
        return rules.delete(id);
    }
}
