package dev.tollgate.analytics.report;

import dev.tollgate.analytics.store.AnalyticsZone;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.http.AdminOnly;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/** The control plane's reports (master key): cost, trend, summary and export, from the rollups. */
@AdminOnly
@Controller("/api/v1/reports")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = RollupReader.class)
public class ReportsController {
    private final CostReports reports;
    private final Exports exports;
    private final Clock clock;
    private final ZoneId zone;
    private final GzipResponses gzip;

    public ReportsController(
            CostReports reports, Exports exports, Clock clock, @AnalyticsZone ZoneId zone, GzipResponses gzip) {
        this.reports = reports;
        this.exports = exports;
        this.clock = clock;
        this.zone = zone;
        this.gzip = gzip;
    }

    @Get("/cost")
    public Map<String, Object> cost(
            @Nullable @QueryValue String period,
            @Nullable @QueryValue("start_date") String start,
            @Nullable @QueryValue("end_date") String end,
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue("user_id") String userId,
            @Nullable @QueryValue String model) {
        LocalDate[] range = ReportDates.period(period, start, end, today());
        return reports.cost(period, range[0], range[1], new CostReports.Filters(teamId, userId, model), today());
    }

    @Get("/trend")
    public Map<String, Object> trend(
            @Nullable @QueryValue String days,
            @Nullable @QueryValue("team_id") String teamId,
            @Nullable @QueryValue String model) {
        int n;
        try {
            n = days == null || days.isBlank() ? 30 : Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            throw GatewayException.invalidRequest("'days' must be a whole number, got '" + days + "'", "days");
        }
        return reports.trend(n, today(), new CostReports.Filters(teamId, null, model));
    }

    @Get("/summary")
    public Map<String, Object> summary() {
        return reports.summary(today());
    }

    /**
     * Written as it is read; gzipped on the way out when {@link GzipResponses#wanted}, which matters on AWS, where a
     * streamed answer slows to about 2 MB/s past its first 6 MB.
     */
    @Get("/export")
    public HttpResponse<Writable> export(
            HttpRequest<?> request,
            @Nullable @QueryValue String format,
            @Nullable @QueryValue String period,
            @Nullable @QueryValue("start_date") String start,
            @Nullable @QueryValue("end_date") String end) {
        Exports.Format f = Exports.Format.parse(format);
        LocalDate[] range = ReportDates.period(period, start, end, today());
        String file = "tollgate-" + range[0] + "-" + range[1] + "." + f.extension;
        Writable text = out -> exports.write(f, range[0], range[1], out);
        boolean gzipped = gzip.wanted(request);
        return GzipResponses.encoded(
                HttpResponse.<Writable>ok(gzipped ? new GzippedText(text) : text)
                        .contentType(MediaType.of(f.mediaType + "; charset=utf-8"))
                        .header("Content-Disposition", "attachment; filename=\"" + file + "\""),
                gzipped);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }
}
