package dev.tollgate.analytics.lambda;

import dev.tollgate.analytics.chargeback.MonthClose;
import dev.tollgate.analytics.forecast.ForecastService;
import dev.tollgate.analytics.report.FragmentRetention;
import dev.tollgate.analytics.report.ReportDates;
import dev.tollgate.analytics.rollup.RollupRebuilder;
import dev.tollgate.analytics.sla.SlaService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

/**
 * The control plane's on-demand jobs (the analytics artifact): {@code {"job": "rebuild-rollups",
 * "from": "2026-11-01", "to": "2026-11-30"}} recomputes those days' rollups from S3 (idempotent).
 * {@code {"job": "sla-collect"}} runs the SLA collector once (what a five-minute schedule sends).
 * {@code {"job": "forecast"}} runs the forecasts (daily schedule); {@code {"job": "month-close"}} generates the
 * previous month's chargeback draft and announces it, once (daily schedule; due on days 1 to 7 when the month had
 * spend and is not closed yet: {@code MonthClose.close()}).
 * {@code {"job": "prune-report-fragments"}} applies the stored report fragments' retention (daily schedule).
 * Invoke it with {@code aws lambda invoke --function-name <AnalyticsJobsFunction> --payload …}.
 */
public class AnalyticsJobsHandler extends MicronautRequestHandler<Map<String, Object>, String> {

    @Inject
    RollupRebuilder rebuilder;

    @Inject
    SlaService sla;

    @Inject
    ForecastService forecasts;

    @Inject
    MonthClose monthClose;

    @Inject
    FragmentRetention fragmentRetention;

    public AnalyticsJobsHandler() {
        super();
    }

    public AnalyticsJobsHandler(ApplicationContext context) {
        super(context);
    }

    /** The jobs never call a provider, so they start without the provider secrets. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().properties(Map.of("tollgate.config.require-secrets", false));
    }

    /** The {@code period} of a month-close event: {@code YYYY-MM}. */
    private static YearMonth month(Object period) {
        try {
            return YearMonth.parse(String.valueOf(period));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'period' must be a month in the form YYYY-MM (e.g. 2026-02), got '" + period + "'");
        }
    }

    @Override
    public String execute(Map<String, Object> event) {
        Object job = event.get("job");
        if ("sla-collect".equals(job)) {
            return "sla-collect: " + sla.collect().view();
        }
        if ("forecast".equals(job)) {
            return "forecast: " + forecasts.generate().size() + " forecast(s) stored";
        }
        if ("month-close".equals(job)) {
            Object period = event.get("period");
            return "month-close: " + (period == null ? monthClose.close() : monthClose.close(month(period)));
        }
        if ("prune-report-fragments".equals(job)) {
            FragmentRetention.Pruned pruned = fragmentRetention.prune();
            return "prune-report-fragments: " + pruned.deleted() + " deleted, days from " + pruned.keptFrom() + " kept";
        }
        if (!"rebuild-rollups".equals(job)) {
            throw new IllegalArgumentException("unknown job " + job + "; expected \"rebuild-rollups\", \"sla-collect\","
                    + " \"forecast\", \"month-close\" or \"prune-report-fragments\"");
        }
        LocalDate from = ReportDates.required(String.valueOf(event.get("from")), "from");
        LocalDate to = ReportDates.required(String.valueOf(event.get("to")), "to");
        ReportDates.checkRange(from, to);
        RollupRebuilder.Result r = rebuilder.rebuild(from, to);
        return "rebuilt " + r.days() + " day(s): " + r.lines() + " lines from " + r.objects() + " objects, cost "
                + r.cost().toPlainString() + "; " + r.fragmentsWarmed() + " report fragment(s) warmed";
    }
}
