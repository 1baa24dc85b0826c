package dev.tollgate.analytics.forecast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code /api/v1/reports/forecast} (money as plain decimal numbers, as the other reports). */
final class ForecastViews {
    private ForecastViews() {}

    static Map<String, Object> forecasts(List<Forecast> forecasts) {
        return Map.of(
                "forecasts", forecasts.stream().map(ForecastViews::forecast).toList());
    }

    static Map<String, Object> forecast(Forecast f) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("scope_type", f.scopeType().code());
        v.put("scope_id", f.scopeId());
        v.put("team_id", f.teamId().isEmpty() ? null : f.teamId());
        v.put("horizon", f.horizon().code());
        v.put("budget_duration", f.window().code());
        v.put("period_start", f.periodStart().toString());
        v.put("period_end", f.periodEnd().toString());
        v.put("actual_to_date", f.actualToDate());
        v.put("forecasted_cost", f.forecastedCost());
        v.put("confidence_low", f.confidenceLow());
        v.put("confidence_high", f.confidenceHigh());
        v.put("confidence_low_95", f.confidenceLow95());
        v.put("confidence_high_95", f.confidenceHigh95());
        v.put("method", f.method());
        v.put("history_days", f.historyDays());
        v.put("budget", f.budget());
        v.put(
                "projected_exhaustion_date",
                f.projectedExhaustionDate() == null
                        ? null
                        : f.projectedExhaustionDate().toString());
        v.put("probability_over_budget", f.probabilityOverBudget());
        v.put("backtest_mape", f.backtestMape());
        v.put("interval_coverage", f.intervalCoverage());
        v.put("generated_at", f.generatedAt().toString());
        List<Map<String, Object>> days = new ArrayList<>();
        for (Forecast.Day d : f.daily()) {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", d.date().toString());
            day.put("actual", d.actual());
            day.put("forecast", d.forecast());
            day.put("low", d.low());
            day.put("high", d.high());
            days.add(day);
        }
        v.put("daily", days);
        return v;
    }

    static Map<String, Object> history(List<Forecast.HistoryPoint> points) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Forecast.HistoryPoint p : points) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("date", p.date().toString());
            v.put("forecast", p.forecast());
            v.put("low", p.low());
            v.put("high", p.high());
            v.put("actual", p.actual());
            v.put("generated_at", p.generatedAt().toString());
            out.add(v);
        }
        return Map.of("points", out);
    }
}
