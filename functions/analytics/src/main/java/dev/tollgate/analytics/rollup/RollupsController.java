package dev.tollgate.analytics.rollup;

import dev.tollgate.analytics.report.ReportDates;
import dev.tollgate.gateway.http.AdminOnly;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.LocalDate;

/**
 * {@code POST /api/v1/rollups/rebuild?from=2026-11-01&to=2026-11-30} (master key): recompute the
 * rollups of those days from S3 ({@code ./tollgate rollups rebuild} calls it; on AWS the jobs
 * function takes the same as an event).
 */
@AdminOnly
@Controller("/api/v1/rollups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = RollupRebuilder.class)
public class RollupsController {
    private final RollupRebuilder rebuilder;

    public RollupsController(RollupRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    @Post("/rebuild")
    public RollupRebuilder.Result rebuild(@Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        LocalDate start = ReportDates.required(from, "from");
        LocalDate end = ReportDates.required(to, "to");
        ReportDates.checkRange(start, end);
        return rebuilder.rebuild(start, end);
    }
}
