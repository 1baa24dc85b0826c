package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.http.AdminOnly;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/reports/forecast} (master key): the latest forecasts, a run on demand, forecast vs actual. */
@AdminOnly
@Controller("/api/v1/reports/forecast")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = ForecastService.class)
public class ForecastController {
    private final ForecastService forecasts;

    public ForecastController(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @Get
    public Map<String, Object> latest(
            @Nullable @QueryValue("scope_type") String scopeType,
            @Nullable @QueryValue("scope_id") String scopeId,
            @Nullable @QueryValue("team_id") String teamId) {
        return ForecastViews.forecasts(forecasts.latest(
                blank(scopeType) ? null : ScopeType.parse(scopeType), nullIfBlank(scopeId), nullIfBlank(teamId)));
    }

    /** Runs the job now; answers with what it stored, filtered like {@code GET}. */
    @Post("/generate")
    public Map<String, Object> generate(
            @Nullable @QueryValue("scope_type") String scopeType,
            @Nullable @QueryValue("scope_id") String scopeId,
            @Nullable @QueryValue("team_id") String teamId) {
        ScopeType type = blank(scopeType) ? null : ScopeType.parse(scopeType);
        String scope = nullIfBlank(scopeId);
        String team = nullIfBlank(teamId);
        List<Forecast> all = forecasts.generate();
        return ForecastViews.forecasts(all.stream()
                .filter(f -> type == null || f.scopeType() == type)
                .filter(f -> scope == null || f.scopeId().equals(scope))
                .filter(f -> team == null || f.teamId().equals(team))
                .toList());
    }

    @Get("/history")
    public Map<String, Object> history(
            @Nullable @QueryValue("scope_type") String scopeType,
            @Nullable @QueryValue("scope_id") String scopeId,
            @Nullable @QueryValue String days) {
        if (blank(scopeType)) {
            throw GatewayException.invalidRequest("'scope_type' is required", "scope_type");
        }
        ScopeType type = ScopeType.parse(scopeType);
        if (blank(scopeId) && type != ScopeType.GLOBAL) {
            throw GatewayException.invalidRequest("'scope_id' is required", "scope_id");
        }
        int n;
        try {
            n = blank(days) ? 30 : Integer.parseInt(days.trim());
        } catch (NumberFormatException e) {
            throw GatewayException.invalidRequest("'days' must be a whole number, got '" + days + "'", "days");
        }
        if (n < 1 || n > 366) {
            throw GatewayException.invalidRequest("'days' must be between 1 and 366, got " + n, "days");
        }
        return ForecastViews.history(forecasts.history(type, blank(scopeId) ? "global" : scopeId, n));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String nullIfBlank(String s) {
        return blank(s) ? null : s.trim();
    }
}
