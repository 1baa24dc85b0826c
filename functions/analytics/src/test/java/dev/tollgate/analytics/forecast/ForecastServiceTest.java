package dev.tollgate.analytics.forecast;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The forecast job on a real (embedded) PostgreSQL, over calls folded into the rollups. */
class ForecastServiceTest {
    /** Wednesday 2026-11-18, 09:00 UTC: 17 days of November spent, 13 to forecast. */
    private static final Instant NOW = Instant.parse("2026-11-18T09:00:00Z");

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 18);
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static TransactionOperations<Connection> tx;
    private static JdbcOperations jdbc;
    private static JdbcRollupStore rollups;
    private final List<Forecast> alerted = new CopyOnWriteArrayList<>();
    private final List<ForecastScope> budgets = new ArrayList<>();

    @BeforeAll
    static void start() {
        tx = PG.tx();
        jdbc = PG.jdbc();
        rollups = new JdbcRollupStore(tx, ZoneOffset.UTC);
    }

    @BeforeEach
    void empty() {
        PG.truncate(
                "forecast, forecast_day, rollup_daily, rollup_user_daily, rollup_user_monthly," + " ingested_object");
    }

    private ForecastService service(Instant now) {
        return new ForecastService(
                new JdbcSpendHistory(tx),
                new JdbcForecastStore(tx),
                () -> budgets,
                f -> alerted.add(f),
                new BigDecimal("0.8"),
                new Forecaster(),
                Clock.fixed(now, ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    /** One call a day of {@code cost} (weekends at 40%) for {@code days} days before TODAY, tagged. */
    private static void spend(String team, String user, int days, double cost, String... tags) {
        List<SpendLogRecord> lines = new ArrayList<>();
        for (int d = days; d >= 1; d--) {
            LocalDate day = TODAY.minusDays(d);
            double c = day.getDayOfWeek().getValue() >= 6 ? cost * 0.4 : cost;
            lines.add(call(
                    "r" + IDS.incrementAndGet(),
                    day.atTime(12, 0).toInstant(ZoneOffset.UTC),
                    team,
                    user,
                    BigDecimal.valueOf(c).toPlainString(),
                    tags));
        }
        rollups.fold("spend-logs/" + IDS.incrementAndGet() + ".json.gz", lines);
    }

    private static Forecast find(List<Forecast> all, ScopeType type, String id, Forecast.Horizon h) {
        return all.stream()
                .filter(f -> f.scopeType() == type && f.scopeId().equals(id) && f.horizon() == h)
                .findFirst()
                .orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void generateEndpoint_trimsScopeAndTeamFilters_likeGet() {
        spend("ml", "alice", 120, 10, "prod");
        budgets.add(new ForecastScope(ScopeType.TEAM, "ml", new BigDecimal("200")));
        ForecastController controller = new ForecastController(service(NOW));

        List<Map<String, Object>> byScope = (List<Map<String, Object>>)
                controller.generate(" team ", " ml ", null).get("forecasts");
        List<Map<String, Object>> byTeam = (List<Map<String, Object>>)
                controller.generate("team", null, " ml ").get("forecasts");

        assertTrue(!byScope.isEmpty() && byScope.stream().allMatch(f -> "ml".equals(f.get("scope_id"))));
        assertTrue(!byTeam.isEmpty() && byTeam.stream().allMatch(f -> "ml".equals(f.get("team_id"))));
    }

    @Test
    void generate_teamOverBudget_forecastsWindowAndNextMonth_andAlertsOnce() {
        spend("ml", "alice", 120, 10, "prod");
        budgets.add(new ForecastScope(ScopeType.TEAM, "ml", new BigDecimal("200")));

        List<Forecast> all = service(NOW).generate();

        Forecast window = find(all, ScopeType.TEAM, "ml", Forecast.Horizon.BUDGET_WINDOW);
        assertEquals(LocalDate.of(2026, 11, 1), window.periodStart());
        assertEquals(LocalDate.of(2026, 11, 30), window.periodEnd());
        assertEquals(30, window.daily().size());
        assertEquals(17, window.daily().stream().filter(d -> d.actual() != null).count());
        // Nov 1-17 hold 12 weekdays and 5 weekend days: 12 x 10 + 5 x 4
        assertEquals(0, new BigDecimal("140").compareTo(window.actualToDate()));
        // the rest, Nov 18-30: 9 weekdays and 4 weekend days = 106; the window's total is about 246
        double total = window.forecastedCost().doubleValue();
        assertTrue(Math.abs(total - 246) < 5, "forecast " + total);
        assertTrue(window.confidenceLow().doubleValue() <= total
                && total <= window.confidenceHigh().doubleValue());
        assertEquals("regression_trend_weekday+backtest", window.method());
        assertEquals(120, window.historyDays());
        assertEquals(0, new BigDecimal("200").compareTo(window.budget()));
        // 140 spent, then Wed-Fri 10, Sat-Sun 4, Mon-Tue 10: 198 on Tuesday the 24th, 208 on Wednesday the 25th
        assertEquals(LocalDate.of(2026, 11, 25), window.projectedExhaustionDate());
        assertTrue(window.probabilityOverBudget().doubleValue() > 0.99);
        assertNotNull(window.backtestMape());
        assertNotNull(window.intervalCoverage());
        assertEquals(
                List.of(window),
                alerted.stream().filter(f -> f.scopeId().equals("ml")).toList());

        Forecast next = find(all, ScopeType.TEAM, "ml", Forecast.Horizon.NEXT_MONTH);
        assertEquals(LocalDate.of(2026, 12, 1), next.periodStart());
        assertEquals(31, next.daily().size());
        assertEquals(0, BigDecimal.ZERO.compareTo(next.actualToDate()));
        assertTrue(Math.abs(next.forecastedCost().doubleValue() - (23 * 10 + 8 * 4)) < 10, "December");
    }

    @Test
    void generate_everyTeam_andBudgetedTagUserAndGlobal() {
        spend("ml", "alice", 40, 10, "prod");
        spend("data", "bob", 10, 5);
        budgets.add(new ForecastScope(ScopeType.TAG, "prod", new BigDecimal("1000")));
        budgets.add(new ForecastScope(ScopeType.USER, "bob", new BigDecimal("1000")));
        budgets.add(new ForecastScope(ScopeType.GLOBAL, "global", new BigDecimal("1000")));

        List<Forecast> all = service(NOW).generate();

        assertEquals(10, all.size(), "five scopes x two horizons");
        Forecast data = find(all, ScopeType.TEAM, "data", Forecast.Horizon.BUDGET_WINDOW);
        assertEquals("mean_short_history+normal", data.method());
        assertNull(data.budget());
        assertNull(data.probabilityOverBudget());
        assertNull(data.projectedExhaustionDate());
        assertEquals(
                "data",
                find(all, ScopeType.USER, "bob", Forecast.Horizon.BUDGET_WINDOW).teamId());
        Forecast tag = find(all, ScopeType.TAG, "prod", Forecast.Horizon.BUDGET_WINDOW);
        Forecast ml = find(all, ScopeType.TEAM, "ml", Forecast.Horizon.BUDGET_WINDOW);
        assertEquals(0, tag.actualToDate().compareTo(ml.actualToDate()), "the tag carries all of ml's calls");
        Forecast global = find(all, ScopeType.GLOBAL, "global", Forecast.Horizon.BUDGET_WINDOW);
        assertEquals(
                0,
                global.actualToDate()
                        .compareTo(ml.actualToDate()
                                .add(find(all, ScopeType.TEAM, "data", Forecast.Horizon.BUDGET_WINDOW)
                                        .actualToDate())));
        assertTrue(global.probabilityOverBudget().doubleValue() < 0.01);
        assertTrue(alerted.isEmpty());
    }

    @Test
    void latestAndHistory_keepEveryRun_oneADay() {
        spend("ml", "alice", 60, 10);
        ForecastService day1 = service(NOW);
        day1.generate();
        day1.generate(); // the same day again replaces
        ForecastService day2 = service(NOW.plusSeconds(86_400));
        day2.generate();

        assertEquals(4, count("SELECT count(*) FROM forecast"), "two days x two horizons");
        List<Forecast> latest = day2.latest(ScopeType.TEAM, "ml", null);
        assertEquals(2, latest.size());
        assertTrue(latest.stream().allMatch(f -> f.runDay().equals(TODAY.plusDays(1))));
        assertEquals(
                30,
                latest.stream()
                        .filter(f -> f.horizon() == Forecast.Horizon.BUDGET_WINDOW)
                        .findFirst()
                        .orElseThrow()
                        .daily()
                        .size());
        assertTrue(day2.latest(null, null, "nobody").isEmpty());
        assertEquals(2, day2.latest(null, null, "ml").size());

        List<Forecast.HistoryPoint> points = day2.history(ScopeType.TEAM, "ml", 30);
        Forecast.HistoryPoint nov18 =
                points.stream().filter(p -> p.date().equals(TODAY)).findFirst().orElseThrow();
        assertEquals(NOW, nov18.generatedAt(), "the 18th was forecast on the 18th only");
        assertNotNull(nov18.actual());
        Forecast.HistoryPoint nov20 = points.stream()
                .filter(p -> p.date().equals(TODAY.plusDays(2)))
                .findFirst()
                .orElseThrow();
        assertEquals(NOW.plusSeconds(86_400), nov20.generatedAt(), "the latest forecast made for the 20th");
        assertNull(nov20.actual(), "not yet");
    }

    private static long count(String sql) {
        return tx.executeRead(s -> jdbc.prepareStatement(sql, p -> {
            var r = p.executeQuery();
            r.next();
            return r.getLong(1);
        }));
    }
}
