package dev.tollgate.analytics.budget;

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

/** {@code /api/v1/budgets} CRUD and {@code POST /budget/check} (master key); see {@link BudgetService}. */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = BudgetService.class)
public class BudgetsController {
    private final BudgetService budgets;
    private final BudgetCheck check;
    private final RequestBodies bodies;

    public BudgetsController(BudgetService budgets, BudgetCheck check, RequestBodies bodies) {
        this.budgets = budgets;
        this.check = check;
        this.bodies = bodies;
    }

    @Post(uri = "/api/v1/budgets", consumes = MediaType.ALL)
    public Map<String, Object> create(@Nullable @Body byte[] body) {
        return budgets.create(bodies.object(body));
    }

    @Get("/api/v1/budgets")
    public Map<String, Object> list() {
        return Listing.of(budgets.list());
    }

    @Get("/api/v1/budgets/{id}")
    public Map<String, Object> get(String id) {
        return budgets.get(id);
    }

    @Put(uri = "/api/v1/budgets/{id}", consumes = MediaType.ALL)
    public Map<String, Object> update(String id, @Nullable @Body byte[] body) {
        return budgets.update(id, bodies.object(body));
    }

    @Delete("/api/v1/budgets/{id}")
    public Map<String, Object> delete(String id) {
        return budgets.delete(id);
    }

    @Post(uri = "/budget/check", consumes = MediaType.ALL)
    public Map<String, Object> check(@Nullable @Body byte[] body) {
        return check.check(bodies.object(body));
    }
}
