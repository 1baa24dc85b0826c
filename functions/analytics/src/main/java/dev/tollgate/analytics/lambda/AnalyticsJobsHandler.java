package dev.tollgate.analytics.lambda;

import dev.tollgate.analytics.report.ReportDates;
import dev.tollgate.analytics.rollup.RollupRebuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;

/**
 * The control plane's on-demand jobs (the analytics artifact): {@code {"job": "rebuild-rollups",
 * "from": "2026-11-01", "to": "2026-11-30"}} recomputes those days' rollups from S3 (idempotent).
 * Invoke it with {@code aws lambda invoke --function-name <AnalyticsJobsFunction> --payload …}.
 */
public class AnalyticsJobsHandler extends MicronautRequestHandler<Map<String, Object>, String> {

    @Inject
    RollupRebuilder rebuilder;

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

    @Override
    public String execute(Map<String, Object> event) {
        Object job = event.get("job");
        if (!"rebuild-rollups".equals(job)) {
            throw new IllegalArgumentException("unknown job " + job + "; expected \"rebuild-rollups\"");
        }
        LocalDate from = ReportDates.required(String.valueOf(event.get("from")), "from");
        LocalDate to = ReportDates.required(String.valueOf(event.get("to")), "to");
        ReportDates.checkRange(from, to);
        RollupRebuilder.Result r = rebuilder.rebuild(from, to);
        return "rebuilt " + r.days() + " day(s): " + r.lines() + " lines from " + r.objects() + " objects, cost "
                + r.cost().toPlainString();
    }
}
