package dev.tollgate.analytics.forecast;

import dev.tollgate.gateway.budget.BudgetWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forecast job (docs/forecasting.md): for every budgeted scope and every team, the rest of each current
 * budget window (a day, a week or a calendar month) and the next calendar month, from the daily rollups; stored (history
 * kept), and a {@code forecast_overrun} alert when the current window's probability of going over the budget
 * reaches {@code overrunProbability}.
 */
public final class ForecastService {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastService.class);
    /** Days of history read: enough for the regression's 91-day window and a 60-origin backtest of next month. */
    static final int HISTORY_DAYS = 210;

    private final SpendHistory spend;
    private final ForecastStore store;
    private final Supplier<List<ForecastScope>> budgeted;
    private final OverrunAlerts alerts;
    private final BigDecimal overrunProbability;
    private final Forecaster forecaster;
    private final Clock clock;
    private final ZoneId zone;

    public ForecastService(
            SpendHistory spend,
            ForecastStore store,
            Supplier<List<ForecastScope>> budgeted,
            OverrunAlerts alerts,
            BigDecimal overrunProbability,
            Forecaster forecaster,
            Clock clock,
            ZoneId zone) {
        this.spend = spend;
        this.store = store;
        this.budgeted = budgeted;
        this.alerts = alerts;
        this.overrunProbability = overrunProbability;
        this.forecaster = forecaster;
        this.clock = clock;
        this.zone = zone;
    }

    /** Forecasts every scope now, stores them, alerts on likely overruns; returns what it stored. */
    public List<Forecast> generate() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<Forecast> out = new ArrayList<>();
        for (List<ForecastScope> windows : scopes(budgeted.get(), spend.teams(today.minusDays(HISTORY_DAYS), today))
                .values()) {
            out.addAll(forecast(windows, today));
        }
        store.save(out);
        for (Forecast f : out) {
            if (f.horizon() == Forecast.Horizon.BUDGET_WINDOW
                    && f.probabilityOverBudget() != null
                    && f.probabilityOverBudget().compareTo(overrunProbability) >= 0) {
                try {
                    alerts.overrun(f);
                } catch (RuntimeException e) {
                    LOG.error(
                            "forecast_overrun for {} {} ({}) not sent: {}",
                            f.scopeType().code(),
                            f.scopeId(),
                            f.window().code(),
                            e.toString());
                }
            }
        }
        return out;
    }

    /**
     * The budgeted scopes grouped by scope, one entry per window (several limits on one counter, e.g. a record's
     * {@code max_budget} + {@code budget_duration: 1mo} and a {@code budget_limits} entry of {@code 1mo}, keep the
     * lowest, as the ledger does: the one it hits first), then every team without a budget, forecast over the
     * calendar month.
     */
    static Map<String, List<ForecastScope>> scopes(List<ForecastScope> budgeted, List<String> teams) {
        Map<String, Map<BudgetWindow, ForecastScope>> byScope = new LinkedHashMap<>();
        for (ForecastScope s : budgeted) {
            byScope.computeIfAbsent(s.type().code() + "\u0000" + s.id(), k -> new TreeMap<>())
                    .merge(
                            s.window(),
                            s,
                            (a, b) -> a.budget() == null
                                    ? b
                                    : b.budget() == null || a.budget().compareTo(b.budget()) <= 0 ? a : b);
        }
        for (String team : teams) {
            byScope.putIfAbsent(
                    ScopeType.TEAM.code() + "\u0000" + team,
                    new TreeMap<>(Map.of(BudgetWindow.MONTH, new ForecastScope(ScopeType.TEAM, team, null))));
        }
        Map<String, List<ForecastScope>> out = new LinkedHashMap<>();
        byScope.forEach((k, v) -> out.put(k, List.copyOf(v.values())));
        return out;
    }

    /**
     * One scope's forecasts as of {@code today}: the rest of each budget window it has (a day, a week, a
     * calendar month; windows calendar-aligned as the ledger's, {@link BudgetWindow}), and the next calendar
     * month (against the monthly budget, if any).
     */
    List<Forecast> forecast(List<ForecastScope> windows, LocalDate today) {
        ForecastScope scope = windows.get(0);
        Map<LocalDate, BigDecimal> days = spend.daily(scope.type(), scope.id(), today.minusDays(HISTORY_DAYS), today);
        LocalDate first = days.keySet().stream().findFirst().orElse(today);
        double[] history = new double[(int) Math.max(0, ChronoUnit.DAYS.between(first, today))];
        for (int i = 0; i < history.length; i++) {
            history[i] = days.getOrDefault(first.plusDays(i), BigDecimal.ZERO).doubleValue();
        }
        Inputs in = new Inputs(
                scope,
                spend.teamOf(scope.type(), scope.id(), today.minusDays(HISTORY_DAYS)),
                today,
                days,
                history,
                first);
        List<Forecast> out = new ArrayList<>();
        BigDecimal monthly = null;
        for (ForecastScope w : windows) {
            Instant instant = today.atStartOfDay(zone).toInstant();
            LocalDate start = LocalDate.ofInstant(w.window().start(instant, zone), zone);
            LocalDate end =
                    LocalDate.ofInstant(w.window().resetAt(instant, zone), zone).minusDays(1);
            out.add(period(in, Forecast.Horizon.BUDGET_WINDOW, start, end, w.budget(), w.window()));
            monthly = w.window() == BudgetWindow.MONTH ? w.budget() : monthly;
        }
        LocalDate next = today.withDayOfMonth(1).plusMonths(1);
        out.add(period(
                in, Forecast.Horizon.NEXT_MONTH, next, next.plusMonths(1).minusDays(1), monthly, BudgetWindow.MONTH));
        return out;
    }

    /** A scope's spend: the days before {@code today} are history; today's spend so far is a floor for today. */
    private record Inputs(
            ForecastScope scope,
            String team,
            LocalDate today,
            Map<LocalDate, BigDecimal> days,
            double[] history,
            LocalDate first) {}

    private Forecast period(
            Inputs in,
            Forecast.Horizon horizon,
            LocalDate start,
            LocalDate end,
            BigDecimal budget,
            BudgetWindow window) {
        LocalDate today = in.today();
        LocalDate from = start.isAfter(today) ? start : today;
        int ahead = (int) ChronoUnit.DAYS.between(today, from) + 1;
        int length = (int) ChronoUnit.DAYS.between(from, end) + 1;
        Projection p = forecaster.project(in.history(), in.first(), ahead, length);
        BigDecimal actual = BigDecimal.ZERO;
        List<Forecast.Day> daily = new ArrayList<>();
        for (LocalDate d = start; d.isBefore(from); d = d.plusDays(1)) {
            BigDecimal a = in.days().getOrDefault(d, BigDecimal.ZERO);
            actual = actual.add(a);
            daily.add(new Forecast.Day(d, a, null, null, null));
        }
        // today's spend so far is certain: today's forecast is at least that much
        double extra = 0;
        for (int j = 0; j < length; j++) {
            LocalDate d = from.plusDays(j);
            BigDecimal partial = d.equals(today) ? in.days().get(d) : null;
            double f = p.daily()[j];
            if (partial != null && partial.doubleValue() > f) {
                extra = partial.doubleValue() - f;
                f = partial.doubleValue();
            }
            double floor = partial == null ? 0 : partial.doubleValue();
            daily.add(new Forecast.Day(
                    d,
                    partial,
                    money(f),
                    money(Math.max(p.dailyLow()[j], floor)),
                    money(Math.max(p.dailyHigh()[j], f))));
        }
        double known = actual.doubleValue() + extra;
        return new Forecast(
                in.scope().type(),
                in.scope().id(),
                in.team(),
                horizon,
                today,
                start,
                end,
                actual,
                money(known + p.total()),
                money(known + p.low80()),
                money(known + p.high80()),
                money(known + p.low95()),
                money(known + p.high95()),
                p.method(),
                p.historyDays(),
                budget,
                budget == null ? null : exhaustion(daily, budget),
                budget == null ? null : scale(p.probabilityOver(known, budget.doubleValue()), 4),
                p.backtestMape() == null ? null : scale(p.backtestMape(), 2),
                p.coverage() == null ? null : scale(p.coverage(), 4),
                clock.instant(),
                daily,
                window);
    }

    /** The first day whose cumulative spend (actual, then forecast) reaches the budget; null if none in the period. */
    static LocalDate exhaustion(List<Forecast.Day> daily, BigDecimal budget) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Forecast.Day d : daily) {
            sum = sum.add(d.forecast() != null ? d.forecast() : d.actual());
            if (sum.compareTo(budget) >= 0 && sum.signum() > 0) {
                return d.date();
            }
        }
        return null;
    }

    /** The latest forecasts (filters: null = any). */
    public List<Forecast> latest(ScopeType type, String scopeId, String teamId) {
        return store.latest(type, scopeId, teamId);
    }

    /** Forecast vs actual for the last {@code days} days and the days forecast ahead. */
    public List<Forecast.HistoryPoint> history(ScopeType type, String scopeId, int days) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate from = today.minusDays(days);
        List<Forecast.HistoryPoint> points = store.history(type, scopeId, from, today.plusMonths(2));
        Map<LocalDate, BigDecimal> actual = spend.daily(type, scopeId, from, today);
        List<Forecast.HistoryPoint> out = new ArrayList<>();
        for (Forecast.HistoryPoint p : points) {
            BigDecimal a = p.date().isAfter(today) ? null : actual.getOrDefault(p.date(), BigDecimal.ZERO);
            out.add(new Forecast.HistoryPoint(p.date(), p.forecast(), p.low(), p.high(), a, p.generatedAt()));
        }
        return out;
    }

    static BigDecimal money(double usd) {
        return scale(usd, 6);
    }

    private static BigDecimal scale(double v, int places) {
        return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
