package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Forecasts through the local gateway: a team with a tiny budget spends today, {@code generate} forecasts it
 * (the dashboard's shape), a projected overrun is alerted once however often it runs, history answers, and
 * the master key is required.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForecastApiTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-forecast-api-master";
    private static final List<String> FIELDS = List.of(
            "scope_type",
            "scope_id",
            "horizon",
            "period_start",
            "period_end",
            "forecasted_cost",
            "confidence_low",
            "confidence_high",
            "confidence_low_95",
            "confidence_high_95",
            "method",
            "history_days",
            "budget",
            "projected_exhaustion_date",
            "probability_over_budget",
            "backtest_mape",
            "interval_coverage",
            "generated_at",
            "daily");
    /**
     * The gateway's clock, from noon tomorrow: the calls, the forecast and the checks below fall on one day and in
     * one month whenever the build runs. The in-process schedules (the 00:30 forecast, the 01:00 month close, ...)
     * would run on the JVM's wall clock, not on this one: the test gateway runs none of them
     * ({@link LocalOptions#inMemory}), so nothing is forecast, closed or pruned in the middle of a test.
     */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory(MockModel.CONFIG + """
                settings:
                  budgets:
                    global:
                      - {budget_duration: 1mo, max_budget: 1000}
                """, MASTER), CLOCK, java.util.Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void generate_get_history_andOneOverrunAlert_overHttp() throws Exception {
        // GIVEN a team that spent today, and then got a monthly budget of a millionth of a dollar
        send("POST", "/team/new", "{\"team_id\":\"fc\"}", MASTER, 200);
        String key = JSON.readTree(send("POST", "/key/generate", "{\"team_id\":\"fc\"}", MASTER, 200))
                .path("key")
                .asText();
        chat(key);
        gateway.shipSpendLogs();
        send(
                "POST",
                "/api/v1/budgets",
                "{\"name\":\"fc monthly\",\"entity_type\":\"team\",\"entity_id\":\"fc\",\"monthly_limit\":0.000001}",
                MASTER,
                200);

        // WHEN the forecasts are generated twice
        JsonNode generated =
                JSON.readTree(send("POST", "/api/v1/reports/forecast/generate?team_id=fc", null, MASTER, 200));
        send("POST", "/api/v1/reports/forecast/generate", null, MASTER, 200);

        // THEN the team has both horizons in the agreed shape; today's spend is over the budget already
        JsonNode all = JSON.readTree(
                        send("GET", "/api/v1/reports/forecast?scope_type=team&scope_id=fc", null, MASTER, 200))
                .path("forecasts");
        assertEquals(2, all.size(), all.toString());
        assertEquals(2, generated.path("forecasts").size());
        JsonNode window = all.get(0).path("horizon").asText().equals("budget_window") ? all.get(0) : all.get(1);
        for (String field : FIELDS) {
            assertTrue(window.has(field), field + " in " + window);
        }
        LocalDate today = LocalDate.now(CLOCK);
        assertEquals(
                today.withDayOfMonth(1).toString(), window.path("period_start").asText());
        assertEquals("no_history", window.path("method").asText());
        assertTrue(window.path("forecasted_cost").isNumber());
        assertTrue(window.path("forecasted_cost").decimalValue().signum() > 0, window.toString());
        assertEquals(
                0, new BigDecimal("0.000001").compareTo(window.path("budget").decimalValue()));
        assertEquals(1.0, window.path("probability_over_budget").asDouble());
        assertEquals(today.toString(), window.path("projected_exhaustion_date").asText());
        JsonNode todayPoint = null;
        for (JsonNode d : window.path("daily")) {
            if (d.path("date").asText().equals(today.toString())) {
                todayPoint = d;
            }
        }
        assertTrue(
                todayPoint != null && todayPoint.path("actual").isNumber(),
                window.path("daily").toString());

        // AND one forecast_overrun alert for the team and window, with the projection
        JsonNode alerts = JSON.readTree(send("GET", "/alerts?team_id=fc", null, MASTER, 200))
                .path("data");
        int overruns = 0;
        for (JsonNode a : alerts) {
            if (a.path("alert_type").asText().equals("forecast_overrun")) {
                overruns++;
                assertEquals(
                        today.toString(), a.path("projected_exhaustion_date").asText(), a.toString());
                assertTrue(a.path("confidence_high").isNumber(), a.toString());
            }
        }
        assertEquals(1, overruns, alerts.toString());

        // AND history plots today's forecast against its actual; filters and keys are checked
        JsonNode points = JSON.readTree(send(
                        "GET",
                        "/api/v1/reports/forecast/history?scope_type=team&scope_id=fc&days=7",
                        null,
                        MASTER,
                        200))
                .path("points");
        assertTrue(points.size() > 0);
        assertEquals(today.toString(), points.get(0).path("date").asText());
        assertTrue(points.get(0).path("actual").isNumber());
        assertEquals(400, status("GET", "/api/v1/reports/forecast?scope_type=planet", MASTER));
        assertEquals(400, status("GET", "/api/v1/reports/forecast/history?scope_type=team", MASTER));
        assertEquals(403, status("GET", "/api/v1/reports/forecast", key));
        assertEquals(401, status("GET", "/api/v1/reports/forecast", null));
    }

    @Test
    void budgetRaisedThroughTheAdminApi_isForecastAtTheEnforcedLimit_notTheBudgetsRow() throws Exception {
        // GIVEN a team that spent today, with a budget set through /api/v1/budgets at a millionth of a dollar
        // (its row in PostgreSQL keeps that), then raised to $1000 through /team/update (the record only)
        send("POST", "/team/new", "{\"team_id\":\"raised\"}", MASTER, 200);
        chat(JSON.readTree(send("POST", "/key/generate", "{\"team_id\":\"raised\"}", MASTER, 200))
                .path("key")
                .asText());
        gateway.shipSpendLogs();
        send(
                "POST",
                "/api/v1/budgets",
                "{\"name\":\"raised\",\"entity_type\":\"team\",\"entity_id\":\"raised\",\"monthly_limit\":0.000001}",
                MASTER,
                200);
        send("POST", "/team/update", "{\"team_id\":\"raised\",\"max_budget\":1000}", MASTER, 200);

        // WHEN the forecasts are generated
        JsonNode forecasts = JSON.readTree(send(
                        "POST", "/api/v1/reports/forecast/generate?scope_type=team&scope_id=raised", null, MASTER, 200))
                .path("forecasts");

        // THEN the month is forecast against the $1000 the gateway enforces: no overrun, no alert
        JsonNode window = window(forecasts, "1mo");
        assertEquals(0, new BigDecimal("1000").compareTo(window.path("budget").decimalValue()), window.toString());
        assertTrue(window.path("probability_over_budget").asDouble() < 0.01, window.toString());
        assertEquals(0, overruns("team_id=raised"), "a false forecast_overrun against the stale row");
    }

    /** Last: it lowers the global budget the proxy enforces (and restores tollgate.yml's at the end). */
    @Test
    @Order(Integer.MAX_VALUE)
    void globalBudgetSetAtRuntime_replacesTollgateYmls_inTheForecast() throws Exception {
        // GIVEN tollgate.yml's $1000 a month, a call today, then the global budget set at runtime to a millionth
        // of a dollar in the item the proxy reads (as another admin instance, or /api/v1/budgets, writes it)
        chat(JSON.readTree(send("POST", "/key/generate", "{}", MASTER, 200))
                .path("key")
                .asText());
        gateway.shipSpendLogs();
        dev.tollgate.gateway.budget.GlobalBudgets runtime =
                gateway.context().getBean(dev.tollgate.gateway.budget.GlobalBudgets.class);
        runtime.set(new dev.tollgate.gateway.budget.GlobalBudgets.Monthly(new BigDecimal("0.000001"), null));
        try {
            // WHEN the forecasts are generated
            JsonNode forecasts = JSON.readTree(
                            send("POST", "/api/v1/reports/forecast/generate?scope_type=global", null, MASTER, 200))
                    .path("forecasts");

            // THEN the month is forecast against the runtime limit, already spent: one forecast_overrun
            JsonNode window = window(forecasts, "1mo");
            assertEquals(
                    0,
                    new BigDecimal("0.000001").compareTo(window.path("budget").decimalValue()),
                    window.toString());
            assertEquals(1.0, window.path("probability_over_budget").asDouble());
            JsonNode alerts =
                    JSON.readTree(send("GET", "/alerts", null, MASTER, 200)).path("data");
            int global = 0;
            for (JsonNode a : alerts) {
                if (a.path("alert_type").asText().equals("forecast_overrun")
                        && a.path("scope").asText().equals("global")) {
                    global++;
                    assertEquals(
                            0,
                            new BigDecimal("0.000001").compareTo(a.path("limit").decimalValue()),
                            a.toString());
                }
            }
            assertEquals(1, global, alerts.toString());
        } finally {
            runtime.clear();
        }
    }

    /** The budget_window forecast of this window in a generate answer. */
    private static JsonNode window(JsonNode forecasts, String duration) {
        for (JsonNode f : forecasts) {
            if (f.path("horizon").asText().equals("budget_window")
                    && f.path("budget_duration").asText().equals(duration)) {
                return f;
            }
        }
        throw new AssertionError("no " + duration + " budget_window forecast in " + forecasts);
    }

    private static int overruns(String filter) throws Exception {
        int n = 0;
        for (JsonNode a : JSON.readTree(send("GET", "/alerts?" + filter, null, MASTER, 200))
                .path("data")) {
            n += a.path("alert_type").asText().equals("forecast_overrun") ? 1 : 0;
        }
        return n;
    }

    private static void chat(String key) throws Exception {
        HttpResponse<String> chat = LocalHttp.chat(gateway, key);
        assertEquals(200, chat.statusCode(), chat.body());
    }

    @Test
    void testGateway_runsNoInProcessSchedule() {
        // they fire on the JVM's wall clock, not on CLOCK: a build crossing 00:30 would forecast mid-test
        for (Class<?> schedule : List.of(
                dev.tollgate.analytics.forecast.ForecastSchedule.class,
                dev.tollgate.analytics.chargeback.MonthCloseSchedule.class,
                dev.tollgate.analytics.report.FragmentRetentionSchedule.class,
                dev.tollgate.analytics.sla.SlaSchedule.class)) {
            assertTrue(gateway.context().findBean(schedule).isEmpty(), schedule + " runs in the test gateway");
        }
    }

    @Test
    void jobsHandler_runsTheForecastTheMonthCloseAndTheRetention_asEventBridgeSendsThem() {
        dev.tollgate.analytics.lambda.AnalyticsJobsHandler handler =
                new dev.tollgate.analytics.lambda.AnalyticsJobsHandler(gateway.context());

        assertTrue(
                handler.execute(java.util.Map.of("job", "forecast")).matches("forecast: \\d+ forecast\\(s\\) stored"));
        String close = handler.execute(java.util.Map.of("job", "month-close"));
        assertTrue(
                close.startsWith(
                        "month-close: " + java.time.YearMonth.now(CLOCK).minusMonths(1)),
                close);
        // by hand: a given month, once it is over; this month is refused, as is a malformed one
        IllegalArgumentException current = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> handler.execute(java.util.Map.of(
                        "job",
                        "month-close",
                        "period",
                        java.time.YearMonth.now(CLOCK).toString())));
        assertTrue(current.getMessage().contains("has not ended"), current.getMessage());
        IllegalArgumentException malformed = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> handler.execute(java.util.Map.of("job", "month-close", "period", "2026-13")));
        assertTrue(malformed.getMessage().contains("YYYY-MM"), malformed.getMessage());
        String pruned = handler.execute(java.util.Map.of("job", "prune-report-fragments"));
        assertTrue(pruned.matches("prune-report-fragments: \\d+ deleted, days from \\d{4}-\\d{2}-\\d{2} kept"), pruned);
    }

    private static int status(String method, String path, String key) throws Exception {
        return sendRaw(method, path, null, key).statusCode();
    }

    private static String send(String method, String path, String body, String key, int expected) throws Exception {
        return LocalHttp.send(gateway, method, path, body, key, expected);
    }

    private static HttpResponse<String> sendRaw(String method, String path, String body, String key) throws Exception {
        return LocalHttp.sendRaw(gateway, method, path, body, key);
    }
}
