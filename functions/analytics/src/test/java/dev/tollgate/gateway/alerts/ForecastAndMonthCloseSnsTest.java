package dev.tollgate.gateway.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.analytics.chargeback.AlertServiceDraftReadyAlerts;
import dev.tollgate.analytics.forecast.AlertServiceOverrunAlerts;
import dev.tollgate.analytics.forecast.Forecast;
import dev.tollgate.analytics.forecast.ScopeType;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.config.AlertSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The control plane's alerts through the budget alerts' machinery to the loopback SNS fake: a projected
 * overrun once per scope and window (with the projected date and interval in the message, and the budget
 * alerts' attributes), and the month close's draft-ready alert once per month.
 */
class ForecastAndMonthCloseSnsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-18T00:30:00Z"), ZoneOffset.UTC);
    private final FakeSns fake = new FakeSns();
    private final AlertService alerts = new AlertService(
            new InMemoryAlertStore(),
            new SnsAlertPublisher(fake.client(), FakeSns.TOPIC),
            AlertSettings.DEFAULT,
            ZoneOffset.UTC,
            CLOCK);

    @AfterEach
    void close() {
        fake.close();
    }

    private static Forecast overrun(String team, LocalDate windowStart, String budget) {
        return new Forecast(
                ScopeType.TEAM,
                team,
                team,
                Forecast.Horizon.BUDGET_WINDOW,
                LocalDate.of(2026, 11, 18),
                windowStart,
                windowStart.plusMonths(1).minusDays(1),
                new BigDecimal("140"),
                new BigDecimal("246.5"),
                new BigDecimal("231.25"),
                new BigDecimal("262"),
                new BigDecimal("220"),
                new BigDecimal("275"),
                "regression_trend_weekday+backtest",
                120,
                new BigDecimal(budget),
                LocalDate.of(2026, 11, 25),
                new BigDecimal("0.9931"),
                new BigDecimal("4.2"),
                new BigDecimal("0.81"),
                CLOCK.instant(),
                List.of(),
                BudgetWindow.MONTH);
    }

    @Test
    void forecastOverrun_oncePerScopeAndWindow_withProjectionAndAttributes() {
        AlertServiceOverrunAlerts overruns = new AlertServiceOverrunAlerts(alerts, ZoneOffset.UTC, CLOCK);
        LocalDate november = LocalDate.of(2026, 11, 1);

        assertTrue(overruns.overrun(overrun("ml", november, "200")));
        assertFalse(overruns.overrun(overrun("ml", november, "200")), "the next day's run: same window");
        assertTrue(overruns.overrun(overrun("ml", november.plusMonths(1), "200")), "a new window");
        assertTrue(overruns.overrun(overrun("search", november, "200")), "another scope");

        List<FakeSns.Publish> published = fake.published();
        assertEquals(3, published.size());
        FakeSns.Publish first = published.get(0);
        assertEquals("forecast_overrun", first.attributes().get("alert_type"));
        assertEquals("team", first.attributes().get("scope"));
        assertEquals("ml", first.attributes().get("team_id"));
        assertTrue(
                first.subject().contains("team 'ml' forecast to overrun its 1mo budget (99% likely)"), first.subject());
        assertTrue(
                first.message().contains("forecast to reach $246.50 (80% interval $231.25 to $262.00)"),
                first.message());
        assertTrue(first.message().contains("projected to run out on 2026-11-25"), first.message());
        assertTrue(first.message().contains("\\\"projected_exhaustion_date\\\":\\\"2026-11-25\\\""), first.message());
        assertTrue(first.message().contains("\\\"probability_over_budget\\\":0.9931"), first.message());
    }

    @Test
    void chargebackReady_oncePerMonth() {
        AlertServiceDraftReadyAlerts ready = new AlertServiceDraftReadyAlerts(alerts, CLOCK);

        assertTrue(ready.ready(YearMonth.of(2026, 10), new BigDecimal("1234.5")));
        assertFalse(ready.ready(YearMonth.of(2026, 10), new BigDecimal("1234.5")));

        List<FakeSns.Publish> published = fake.published();
        assertEquals(1, published.size());
        assertEquals("chargeback_ready", published.get(0).attributes().get("alert_type"));
        assertEquals("global", published.get(0).attributes().get("scope"));
        assertTrue(published.get(0).subject().contains("chargeback draft for 2026-10 is ready"));
        assertTrue(
                published.get(0).message().contains("$1234.50 spent in the month"),
                published.get(0).message());
    }
}
