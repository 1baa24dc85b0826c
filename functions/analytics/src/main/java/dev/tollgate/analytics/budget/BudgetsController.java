package dev.tollgate.analytics.budget;

import dev.tollgate.analytics.api.Paging;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

/** {@code /api/v1/budgets} CRUD and {@code POST /budget/check} (master key); see {@link BudgetService}. */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = BudgetService.class)
public class BudgetsController {
    static final int DEFAULT_PAGE_SIZE = 50;

    /** At most one ledger {@code BatchGetItem} (100 counters) a page. */
    static final int MAX_PAGE_SIZE = 100;

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

    /**
     * By name: {@code {"data", "total", "page", "page_size", "total_pages"}} ({@link Paging}; {@code page} from 1,
     * {@code page_size} {@value #DEFAULT_PAGE_SIZE} by default, at most {@value #MAX_PAGE_SIZE}); {@code total}
     * counts every budget. Only the page's entities are read from DynamoDB.
     */
    @Get("/api/v1/budgets")
    public Map<String, Object> list(
            @Nullable @QueryValue Integer page, @Nullable @QueryValue("page_size") Integer pageSize) {
        Paging paging = Paging.of(page, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        BudgetService.Page found = budgets.list(paging.page(), paging.pageSize());
        return paging.answer(found.items(), found.total());
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
