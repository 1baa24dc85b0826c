package dev.tollgate.analytics.chargeback;

import dev.tollgate.analytics.api.Listing;
import dev.tollgate.analytics.api.Paging;
import dev.tollgate.gateway.http.AdminGate;
import dev.tollgate.gateway.http.AdminOnly;
import dev.tollgate.gateway.http.RequestBodies;
import dev.tollgate.gateway.identity.Principal;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import java.time.YearMonth;
import java.util.Map;

/** {@code /api/v1/cost-allocation/rules} and {@code /api/v1/chargeback/reports} (master key). */
@AdminOnly
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = ChargebackReports.class)
public class ChargebackController {
    /** Two years of months. */
    static final int DEFAULT_PAGE_SIZE = 24;

    static final int MAX_PAGE_SIZE = 120;

    private final AllocationRules rules;
    private final ChargebackReports reports;
    private final ChargebackExports exports;
    private final RequestBodies bodies;

    public ChargebackController(
            AllocationRules rules, ChargebackReports reports, ChargebackExports exports, RequestBodies bodies) {
        this.rules = rules;
        this.reports = reports;
        this.exports = exports;
        this.bodies = bodies;
    }

    @Post(uri = "/api/v1/cost-allocation/rules", consumes = MediaType.ALL)
    public Map<String, Object> createRule(@Nullable @Body byte[] body) {
        return rules.create(bodies.object(body));
    }

    @Get("/api/v1/cost-allocation/rules")
    public Map<String, Object> listRules() {
        return Listing.of(rules.list());
    }

    @Get("/api/v1/cost-allocation/rules/{id}")
    public Map<String, Object> getRule(String id) {
        return rules.get(id);
    }

    @Put(uri = "/api/v1/cost-allocation/rules/{id}", consumes = MediaType.ALL)
    public Map<String, Object> updateRule(String id, @Nullable @Body byte[] body) {
        return rules.update(id, bodies.object(body));
    }

    @Delete("/api/v1/cost-allocation/rules/{id}")
    public Map<String, Object> deleteRule(String id) {
        return rules.delete(id);
    }

    @Post(uri = "/api/v1/chargeback/reports/generate", consumes = MediaType.ALL)
    public Map<String, Object> generate(@Nullable @Body byte[] body) {
        return reports.generate(bodies.object(body));
    }

    /**
     * Newest month first, without lines: {@code {"data", "total", "page", "page_size", "total_pages"}} as LiteLLM's
     * paged lists ({@code page} from 1, {@code page_size} {@value #DEFAULT_PAGE_SIZE} by default, at most
     * {@value #MAX_PAGE_SIZE}); {@code total} counts every report.
     */
    @Get("/api/v1/chargeback/reports")
    public Map<String, Object> listReports(
            @Nullable @QueryValue Integer page, @Nullable @QueryValue("page_size") Integer pageSize) {
        Paging paging = Paging.of(page, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        ChargebackReports.Page found = reports.list(paging.page(), paging.pageSize());
        return paging.answer(found.items(), found.total());
    }

    @Get("/api/v1/chargeback/reports/{id}")
    public Map<String, Object> getReport(String id) {
        return reports.get(id);
    }

    @Post(uri = "/api/v1/chargeback/reports/{id}/finalize", consumes = MediaType.ALL)
    public Map<String, Object> finalizeReport(String id) {
        return reports.finalizeReport(id);
    }

    @Get("/api/v1/chargeback/reports/{id}/export")
    public HttpResponse<String> export(HttpRequest<?> request, String id, @Nullable @QueryValue String format) {
        Principal who = AdminGate.admin(request);
        ChargebackExports.Format f = ChargebackExports.Format.parse(format);
        ChargebackReports.Report r = reports.markExported(id, f.name().toLowerCase(java.util.Locale.ROOT), by(who));
        String file = "tollgate-chargeback-" + YearMonth.from(r.period()) + "." + f.extension;
        return HttpResponse.ok(exports.write(f, r))
                .contentType(MediaType.of(f.mediaType + "; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    /** Who exported: the admin key's alias, else {@code master-key}. */
    static String by(Principal who) {
        return who == null || who.alias() == null || who.alias().isBlank() ? "master-key" : who.alias();
    }
}
