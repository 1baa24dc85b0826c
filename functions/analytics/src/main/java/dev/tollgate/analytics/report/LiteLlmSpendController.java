package dev.tollgate.analytics.report;

import dev.tollgate.gateway.admission.BudgetScopes;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.http.AdminOnly;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** LiteLLM's spend reports (master key), answered from the rollups: see {@link LiteLlmReports}, {@link DailyActivity}. */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = RollupReader.class)
public class LiteLlmSpendController {
    private final LiteLlmReports reports;
    private final DailyActivity activity;
    private final BudgetScopes scopes;

    public LiteLlmSpendController(LiteLlmReports reports, DailyActivity activity, BudgetScopes scopes) {
        this.reports = reports;
        this.activity = activity;
        this.scopes = scopes;
    }

    @Get("/global/spend/report")
    public List<Map<String, Object>> spendReport(
            @Nullable @QueryValue("start_date") String start,
            @Nullable @QueryValue("end_date") String end,
            @Nullable @QueryValue("group_by") String groupBy,
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue("api_key") String apiKey,
            @Nullable @QueryValue("internal_user_id") String internalUserId,
            @Nullable @QueryValue("customer_id") String customerId) {
        return reports.spendReport(
                ReportDates.required(start, "start_date"),
                ReportDates.required(end, "end_date"),
                groupBy,
                new LiteLlmReports.SpendFilters(teamId, apiKey, internalUserId, customerId));
    }

    @Get("/global/spend")
    public Map<String, Object> globalSpend() {
        // the global budgets in force: tollgate.yml's, with the one set through /api/v1/budgets in place of its 1mo
        BigDecimal max = scopes.globalLimits().stream()
                .filter(BudgetLimit::capped)
                .map(BudgetLimit::limit)
                .min(BigDecimal::compareTo)
                .orElse(null);
        return reports.globalSpend(max);
    }

    @Get("/user/daily/activity")
    public Map<String, Object> dailyActivity(
            @Nullable @QueryValue("start_date") String start,
            @Nullable @QueryValue("end_date") String end,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue Integer page,
            @Nullable @QueryValue("page_size") Integer pageSize) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? 50 : pageSize;
        if (p < 1) {
            throw GatewayException.invalidRequest("'page' must be at least 1", "page");
        }
        if (size < 1 || size > 1000) {
            throw GatewayException.invalidRequest("'page_size' must be between 1 and 1000", "page_size");
        }
        return activity.activity(
                ReportDates.required(start, "start_date"), ReportDates.required(end, "end_date"), userId, p, size);
    }
}
