package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.budget.BudgetWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One stored forecast: a scope's spend over a period (the current budget window, or next calendar month).
 * Money is exact decimals, rounded to 6 places; the period's total includes what was spent before {@code runDay}.
 * {@code window} is the budget window the period is an instance of ({@code 1d}, {@code 7d} or {@code 1mo};
 * always {@code 1mo} for {@code next_month}).
 */
public record Forecast(
        ScopeType scopeType,
        String scopeId,
        String teamId,
        Horizon horizon,
        LocalDate runDay,
        LocalDate periodStart,
        LocalDate periodEnd,
        BigDecimal actualToDate,
        BigDecimal forecastedCost,
        BigDecimal confidenceLow,
        BigDecimal confidenceHigh,
        BigDecimal confidenceLow95,
        BigDecimal confidenceHigh95,
        String method,
        int historyDays,
        BigDecimal budget,
        LocalDate projectedExhaustionDate,
        BigDecimal probabilityOverBudget,
        BigDecimal backtestMape,
        BigDecimal intervalCoverage,
        Instant generatedAt,
        List<Day> daily,
        BudgetWindow window) {

    /** The same forecast with other days (the store reads them from their own table). */
    public Forecast withDaily(List<Day> days) {
        return new Forecast(
                scopeType,
                scopeId,
                teamId,
                horizon,
                runDay,
                periodStart,
                periodEnd,
                actualToDate,
                forecastedCost,
                confidenceLow,
                confidenceHigh,
                confidenceLow95,
                confidenceHigh95,
                method,
                historyDays,
                budget,
                projectedExhaustionDate,
                probabilityOverBudget,
                backtestMape,
                intervalCoverage,
                generatedAt,
                days,
                window);
    }

    /** What a forecast covers. */
    public enum Horizon {
        /** The rest of the current budget window (a day, a week or a calendar month), with the spend so far. */
        BUDGET_WINDOW,
        /** The next calendar month. */
        NEXT_MONTH;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Horizon fromCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** One day of the period: the actual spend before the run day, the forecast and its 80% interval from it on. */
    public record Day(LocalDate date, BigDecimal actual, BigDecimal forecast, BigDecimal low, BigDecimal high) {}

    /** A point of the forecast-vs-actual history: the latest forecast made for {@code date} on or before it. */
    public record HistoryPoint(
            LocalDate date,
            BigDecimal forecast,
            BigDecimal low,
            BigDecimal high,
            BigDecimal actual,
            Instant generatedAt) {}
}
