package dev.tollgate.analytics.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.analytics.testing.CountingTx;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.budget.BudgetWindow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The forecast store on a real (embedded) PostgreSQL: what {@code latest} answers and how many statements it takes. */
class JdbcForecastStoreTest {
    private static final LocalDate OLDER = LocalDate.of(2026, 11, 17);
    private static final LocalDate NEWER = LocalDate.of(2026, 11, 18);

    @RegisterExtension
    static final PgContext PG = new PgContext();

    @BeforeEach
    void empty() {
        PG.truncate("forecast, forecast_day");
    }

    /** A forecast whose every number derives from {@code seed}, with {@code days} days from the 1st of November. */
    private static Forecast forecast(
            ScopeType type,
            String id,
            String team,
            Forecast.Horizon h,
            BudgetWindow w,
            LocalDate run,
            int seed,
            int days) {
        List<Forecast.Day> daily = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            boolean past = d < run.getDayOfMonth() - 1;
            BigDecimal f = money(seed * 100 + d, 6);
            daily.add(new Forecast.Day(
                    LocalDate.of(2026, 11, 1).plusDays(d),
                    past ? money(seed * 10 + d, 12) : null,
                    past ? null : f,
                    past ? null : f.subtract(BigDecimal.ONE),
                    past ? null : f.add(BigDecimal.ONE)));
        }
        return new Forecast(
                type,
                id,
                team,
                h,
                run,
                LocalDate.of(2026, 11, 1),
                LocalDate.of(2026, 11, 30),
                money(seed, 12),
                money(seed + 1, 6),
                money(seed, 6),
                money(seed + 2, 6),
                money(seed - 1, 6),
                money(seed + 3, 6),
                "regression_trend_weekday+backtest",
                90 + seed,
                seed % 2 == 0 ? null : money(seed * 3, 12),
                seed % 2 == 0 ? null : LocalDate.of(2026, 11, 25),
                seed % 2 == 0 ? null : new BigDecimal("0.5000"),
                new BigDecimal(seed + ".25"),
                new BigDecimal("0.8125"),
                Instant.parse(run + "T00:30:00Z"),
                daily,
                w);
    }

    private static BigDecimal money(int units, int scale) {
        return BigDecimal.valueOf(units).setScale(scale);
    }

    /** Six scopes x horizons x windows, each made on two days (the newer differs), one without days. */
    private static List<Forecast> saved() {
        List<Forecast> all = new ArrayList<>();
        int seed = 1;
        for (LocalDate run : List.of(OLDER, NEWER)) {
            all.add(forecast(
                    ScopeType.USER, "u1", "ml", Forecast.Horizon.BUDGET_WINDOW, BudgetWindow.MONTH, run, seed++, 30));
            all.add(forecast(
                    ScopeType.TEAM, "ml", "ml", Forecast.Horizon.NEXT_MONTH, BudgetWindow.MONTH, run, seed++, 30));
            all.add(forecast(
                    ScopeType.TEAM, "ml", "ml", Forecast.Horizon.BUDGET_WINDOW, BudgetWindow.MONTH, run, seed++, 30));
            all.add(forecast(
                    ScopeType.TEAM, "ml", "ml", Forecast.Horizon.BUDGET_WINDOW, BudgetWindow.DAY, run, seed++, 1));
            all.add(forecast(
                    ScopeType.TEAM, "ads", "ads", Forecast.Horizon.BUDGET_WINDOW, BudgetWindow.MONTH, run, seed++, 30));
            all.add(forecast(
                    ScopeType.KEY, "k1", "", Forecast.Horizon.BUDGET_WINDOW, BudgetWindow.MONTH, run, seed++, 0));
        }
        return all;
    }

    /** What latest must answer: the newest of each scope, horizon and window, in that order. */
    private static List<Forecast> newest(List<Forecast> all) {
        Map<String, Forecast> byKey = new LinkedHashMap<>();
        for (Forecast f : all) {
            byKey.merge(
                    f.scopeType().code() + "|" + f.scopeId() + "|" + f.horizon().code() + "|"
                            + f.window().code(),
                    f,
                    (a, b) -> a.runDay().isAfter(b.runDay()) ? a : b);
        }
        return byKey.values().stream()
                .sorted(Comparator.comparing((Forecast f) -> f.scopeType().code())
                        .thenComparing(Forecast::scopeId)
                        .thenComparing(f -> f.horizon().code())
                        .thenComparing(f -> f.window().code()))
                .toList();
    }

    @Test
    void latest_readsEveryScopesNewestForecastWithItsDays_inOneStatement() {
        List<Forecast> all = saved();
        new JdbcForecastStore(PG.tx()).save(all);
        CountingTx counting = new CountingTx(PG.tx());
        JdbcForecastStore store = new JdbcForecastStore(counting);

        List<Forecast> latest = store.latest(null, null, null);

        assertEquals(newest(all), latest);
        assertEquals(6, latest.size());
        assertEquals(List.of(), latest.get(0).daily(), "k1's forecast has no days");
        assertEquals(30, latest.get(1).daily().size());
        assertEquals(1, counting.statements().size(), counting.statements().toString());
    }

    @Test
    void latest_filtersByScopeTypeIdAndTeam_inOneStatement() {
        List<Forecast> all = saved();
        new JdbcForecastStore(PG.tx()).save(all);
        CountingTx counting = new CountingTx(PG.tx());
        JdbcForecastStore store = new JdbcForecastStore(counting);
        List<Forecast> expected = newest(all);

        assertEquals(
                expected.stream().filter(f -> f.scopeType() == ScopeType.TEAM).toList(),
                store.latest(ScopeType.TEAM, null, null));
        assertEquals(
                expected.stream().filter(f -> f.scopeId().equals("ml")).toList(),
                store.latest(ScopeType.TEAM, "ml", null));
        assertEquals(expected.stream().filter(f -> f.teamId().equals("ml")).toList(), store.latest(null, null, "ml"));
        assertEquals(List.of(), store.latest(ScopeType.GLOBAL, null, null));
        assertEquals(4, counting.statements().size(), counting.statements().toString());
    }
}
