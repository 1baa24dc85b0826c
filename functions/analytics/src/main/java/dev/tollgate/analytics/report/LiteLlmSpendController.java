package dev.tollgate.analytics.report;

import dev.tollgate.analytics.api.Paging;
import dev.tollgate.gateway.admission.BudgetScopes;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.http.AdminOnly;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.math.BigDecimal;
import java.time.LocalDate;
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
    private final GzipResponses gzip;

    public LiteLlmSpendController(
            LiteLlmReports reports, DailyActivity activity, BudgetScopes scopes, GzipResponses gzip) {
        this.reports = reports;
        this.activity = activity;
        this.scopes = scopes;
        this.gzip = gzip;
    }

    /**
     * The unfiltered day-grouped report comes from the stored day fragments, sent gzipped as they are stored when
     * {@link GzipResponses#wanted}; the others are built from the rollups.
     */
    @Get("/global/spend/report")
    public HttpResponse<?> spendReport(
            HttpRequest<?> request,
            @Nullable @QueryValue("start_date") String start,
            @Nullable @QueryValue("end_date") String end,
            @Nullable @QueryValue("group_by") String groupBy,
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue("api_key") String apiKey,
            @Nullable @QueryValue("internal_user_id") String internalUserId,
            @Nullable @QueryValue("customer_id") String customerId) {
        LocalDate from = ReportDates.required(start, "start_date");
        LocalDate to = ReportDates.required(end, "end_date");
        LiteLlmReports.SpendFilters filters =
                new LiteLlmReports.SpendFilters(teamId, apiKey, internalUserId, customerId);
        List<Deflated> stored = reports.storedSpendReport(from, to, groupBy, filters);
        if (stored == null) {
            return HttpResponse.ok(reports.spendReport(from, to, groupBy, filters));
        }
        boolean gzipped = gzip.wanted(request);
        return GzipResponses.encoded(
                HttpResponse.ok(new CompressedBody(stored, gzipped)).contentType(MediaType.APPLICATION_JSON_TYPE),
                gzipped);
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
        Paging paging = Paging.of(page, pageSize, 50, 1000);
        return activity.activity(
                ReportDates.required(start, "start_date"),
                ReportDates.required(end, "end_date"),
                userId,
                paging.page(),
                paging.pageSize());
    }
}
