package dev.tollgate.analytics.sla;

import static dev.tollgate.analytics.testing.Calls.call;
import static dev.tollgate.analytics.testing.Calls.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SLA definitions, health and the collector on a real (embedded) PostgreSQL, health folded by the rollups. */
class SlaServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static JdbcRollupStore rollups;
    private static TransactionOperations<Connection> tx;
    private static SlaService sla;
    private static final List<String> ALERTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        tx = PG.tx();
        rollups = new JdbcRollupStore(tx, ZoneOffset.UTC);
        sla = new SlaService(
                new SlaStore(tx),
                Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC),
                (type, v) -> ALERTS.add(type + " " + v.model() + " " + v.metric()));
    }

    @BeforeEach
    void empty() {
        ALERTS.clear();
        PG.truncate("sla_violation, sla_definition, health_5min, rollup_daily, rollup_user_daily,"
                + " rollup_user_monthly, ingested_object");
    }

    /** Folds {@code n} calls into the bucket at {@code start}: {@code failures} of them 500s, the others 200s. */
    private static void calls(Instant start, String model, int n, int failures, int status) {
        List<SpendLogRecord> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SpendLogRecord ok = call("r" + IDS.incrementAndGet(), start.plusSeconds(i), "t", "u", "0.001").toBuilder()
                    .model(model)
                    .build();
            lines.add(i < failures ? failed(ok, status, 300) : ok);
        }
        rollups.fold("spend-logs/" + IDS.incrementAndGet() + ".json.gz", lines);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static Map<String, Object> definition(String body) throws Exception {
        return sla.create(json(body));
    }

    @Test
    void breach_opensOneViolationAcrossRuns_andAFullHealthyWindowResolvesIt() throws Exception {
        String id = (String) definition("{\"name\":\"mini\",\"provider\":\"openai\",\"model_pattern\":\"gpt-4o-mini*\","
                        + "\"target_error_rate\":0.05,\"target_p95_ms\":2000,\"evaluation_window_minutes\":15}")
                .get("id");
        // 10:00, 10:05, 10:10: 20% of the calls fail with a 500
        for (int b = 0; b < 3; b++) {
            calls(T0.plusSeconds(300L * b), "gpt-4o-mini", 10, 2, 500);
        }
        // another model the pattern does not cover, failing as badly: no violation for it
        calls(T0, "gpt-4o", 10, 5, 500);

        SlaService.Run first = sla.collect(T0.plus(15, java.time.temporal.ChronoUnit.MINUTES));
        assertEquals(1, first.opened());
        SlaService.Run second = sla.collect(T0.plus(20, java.time.temporal.ChronoUnit.MINUTES));
        assertEquals(0, second.opened());
        assertEquals(1, second.stillOpen());

        List<Map<String, Object>> active = sla.active();
        assertEquals(1, active.size());
        Map<String, Object> v = active.get(0);
        assertEquals(id, v.get("definition_id"));
        assertEquals("error_rate", v.get("metric"));
        assertEquals("gpt-4o-mini", v.get("model"));
        assertEquals(0.2, (Double) v.get("observed"), 1e-9);
        assertEquals(0.05, (Double) v.get("target"), 1e-9);
        assertEquals("2026-11-02T10:20:00Z", v.get("last_breached_at"));
        assertEquals(List.of("sla_violation gpt-4o-mini error_rate"), ALERTS, "one alert, not one per run");

        // healthy from 10:20 on
        for (int b = 4; b < 8; b++) {
            calls(T0.plusSeconds(300L * b), "gpt-4o-mini", 10, 0, 500);
        }
        // at 10:30 the window [10:15, 10:30) is healthy but starts before the last breached window ended
        assertEquals(
                0,
                sla.collect(T0.plus(30, java.time.temporal.ChronoUnit.MINUTES)).resolved());
        assertEquals(1, sla.active().size());
        // at 10:35 the whole window [10:20, 10:35) is healthy: resolved
        assertEquals(
                1,
                sla.collect(T0.plus(35, java.time.temporal.ChronoUnit.MINUTES)).resolved());
        assertTrue(sla.active().isEmpty());
        assertEquals(List.of("sla_violation gpt-4o-mini error_rate", "sla_resolved gpt-4o-mini error_rate"), ALERTS);

        List<Map<String, Object>> all = sla.violations(T0, T0.plusSeconds(7200));
        assertEquals(1, all.size());
        assertEquals("resolved", all.get(0).get("status"));
        assertEquals("collector", all.get(0).get("resolved_by"));
        assertEquals(0.0, (Double) all.get(0).get("resolved_observed"), 1e-9);
        // a breach again later opens a new violation
        calls(T0.plusSeconds(300L * 8), "gpt-4o-mini", 10, 10, 504);
        assertEquals(
                1,
                sla.collect(T0.plus(45, java.time.temporal.ChronoUnit.MINUTES)).opened());
        assertEquals(1, sla.active().size());
    }

    @Test
    void clientErrors_doNotCount_andManualResolve() throws Exception {
        definition("{\"name\":\"any\",\"model_pattern\":\"*\",\"target_error_rate\":0.1,\"target_availability\":0.99}");
        calls(T0, "gpt-4o-mini", 10, 9, 429);
        assertEquals(
                0,
                sla.collect(T0.plus(15, java.time.temporal.ChronoUnit.MINUTES)).opened());

        calls(T0.plusSeconds(300), "gpt-4o-mini", 10, 6, 502);
        SlaService.Run run = sla.collect(T0.plus(15, java.time.temporal.ChronoUnit.MINUTES));
        assertEquals(2, run.opened()); // error rate 6/20, and one bucket of two down
        String id = (String) sla.active().get(0).get("id");
        Map<String, Object> resolved = sla.resolve(id);
        assertEquals("manual", resolved.get("resolved_by"));
        assertEquals(3, ALERTS.size(), ALERTS.toString()); // two opened, one resolved
        assertTrue(ALERTS.get(2).startsWith("sla_resolved"));
        assertEquals(1, sla.active().size());
        GatewayException again = assertThrows(GatewayException.class, () -> sla.resolve(id));
        assertEquals(409, again.status());
        assertEquals(
                404,
                assertThrows(GatewayException.class, () -> sla.resolve("nope")).status());
    }

    @Test
    void checkNow_withTheCurrentBucket_opensTheViolationOfCallsMadeMinutesAgo() throws Exception {
        definition("{\"name\":\"flaky\",\"model_pattern\":\"mock-flaky\",\"target_error_rate\":0.01}");
        // GIVEN three failing calls at 10:31, in the bucket [10:30, 10:35) still in progress at 10:33
        calls(T0.plusSeconds(31 * 60), "mock-flaky", 3, 3, 503);
        Instant now = T0.plusSeconds(33 * 60);

        // WHEN the schedule runs (whole buckets only) THEN nothing is seen yet
        assertEquals(0, sla.collect(now).opened());
        // WHEN a person checks now THEN the bucket in progress counts: one violation, breached until 10:35
        SlaService.Run checked = sla.collect(now, true);

        assertEquals(1, checked.opened());
        Map<String, Object> v = sla.active().get(0);
        assertEquals(1.0, (Double) v.get("observed"), 1e-9);
        assertEquals("2026-11-02T10:35:00Z", v.get("last_breached_at"));
        // and the scheduled run after the bucket ended sees the same breach: still open, not a second one
        SlaService.Run scheduled = sla.collect(T0.plusSeconds(36 * 60));
        assertEquals(0, scheduled.opened());
        assertEquals(1, scheduled.stillOpen());
    }

    @Test
    @SuppressWarnings("unchecked")
    void health_readsPercentilesAndStatus_andHistoryIsPerBucket() throws Exception {
        definition("{\"name\":\"fast\",\"model_pattern\":\"gpt-4o-mini\",\"target_p50_ms\":100}");
        // the clock is 11:00: the last 15 minutes are 10:45, 10:50, 10:55
        calls(T0.plusSeconds(45 * 60), "gpt-4o-mini", 10, 0, 500);
        calls(T0.plusSeconds(50 * 60), "other", 4, 1, 503);
        Map<String, Object> health = sla.health(null);
        List<Map<String, Object>> data = (List<Map<String, Object>>) health.get("data");
        assertEquals(2, data.size());
        Map<String, Object> mini = data.stream()
                .filter(d -> d.get("model").equals("gpt-4o-mini"))
                .findFirst()
                .orElseThrow();
        assertEquals(10L, mini.get("requests"));
        // 10 calls of 100 + 20 tokens over the 15-minute window: 10/15 = 0.666667 requests, 1200/15 = 80 tokens a
        // minute
        assertEquals(1200L, mini.get("total_tokens"));
        assertEquals(0.666667, mini.get("requests_per_minute"));
        assertEquals(80.0, mini.get("tokens_per_minute"));
        assertEquals(400.0, (Double) mini.get("latency_p50_ms"), 8.0); // within 2%
        assertEquals(0.0, mini.get("error_rate"));
        assertEquals("breached", mini.get("status"));
        Map<String, Object> other = data.stream()
                .filter(d -> d.get("model").equals("other"))
                .findFirst()
                .orElseThrow();
        assertEquals(0.25, other.get("error_rate"));
        assertEquals("no_sla", other.get("status"));
        assertNull(other.get("ttft_p50_ms"));

        Map<String, Object> history = sla.history(24, "gpt-4o-mini", null);
        List<Map<String, Object>> series = (List<Map<String, Object>>) history.get("data");
        assertEquals(1, series.size());
        List<Map<String, Object>> points =
                (List<Map<String, Object>>) series.get(0).get("points");
        assertEquals(1, points.size());
        assertEquals("2026-11-02T10:45:00Z", points.get(0).get("bucket_start"));
        assertEquals(1200L, points.get(0).get("total_tokens"));
        assertThrows(GatewayException.class, () -> sla.history(0, null, null));
    }

    @Test
    void definitions_crud() throws Exception {
        Map<String, Object> created = definition(
                "{\"name\":\"a\",\"provider\":\"openai\",\"model_pattern\":\"gpt-4o*\",\"target_p95_ms\":1500}");
        String id = (String) created.get("id");
        assertEquals(15, created.get("evaluation_window_minutes"));
        Map<String, Object> updated = sla.update(
                id, json("{\"target_p95_ms\":null,\"target_error_rate\":0.02," + "\"evaluation_window_minutes\":60}"));
        assertNull(updated.get("target_p95_ms"));
        assertEquals(0.02, updated.get("target_error_rate"));
        assertEquals(60, updated.get("evaluation_window_minutes"));
        assertEquals("openai", sla.get(id).get("provider"));
        assertEquals(1, sla.list().size());
        sla.delete(id);
        assertEquals(
                404, assertThrows(GatewayException.class, () -> sla.get(id)).status());
    }

    @Test
    void definitions_invalid_are400s() {
        Map<String, String> bad = Map.of(
                "{\"name\":\"a\",\"model_pattern\":\"gpt*\",\"target_p95_ms\":1,\"evaluation_window_minutes\":4}",
                "evaluation_window_minutes",
                "{\"name\":\"a\",\"model_pattern\":\"gpt*\",\"target_p95_ms\":1,\"evaluation_window_minutes\":7}",
                "evaluation_window_minutes",
                "{\"name\":\"a\",\"model_pattern\":\"gpt*\",\"target_error_rate\":1.5}",
                "target_error_rate",
                "{\"name\":\"a\",\"model_pattern\":\"gpt*\",\"target_availability\":-0.1}",
                "target_availability",
                "{\"name\":\"a\",\"model_pattern\":\"gpt[4]*\",\"target_p50_ms\":10}",
                "model_pattern",
                "{\"name\":\"a\",\"model_pattern\":\"gpt*\",\"target_p50_ms\":500,\"target_p95_ms\":100}",
                "target_p95_ms",
                "{\"name\":\"a\",\"model_pattern\":\"gpt*\",\"colour\":\"red\"}",
                "colour",
                "{\"model_pattern\":\"gpt*\",\"target_p50_ms\":10}",
                "name");
        bad.forEach((body, param) -> {
            GatewayException e = assertThrows(GatewayException.class, () -> definition(body), body);
            assertEquals(400, e.status(), body);
            assertEquals(param, e.param(), body);
        });
        GatewayException none =
                assertThrows(GatewayException.class, () -> definition("{\"name\":\"a\",\"model_pattern\":\"gpt*\"}"));
        assertTrue(none.getMessage().contains("at least one target"), none.getMessage());
    }

    @Test
    void snsAlert_carriesTheBudgetAlertsAttributes_andAShortSubject() {
        SlaStore.Violation v = new SlaStore.Violation(
                "v1",
                "d1",
                "x".repeat(120),
                "error_rate",
                "openai",
                "gpt-4o-mini",
                0.2,
                0.05,
                T0,
                T0,
                null,
                null,
                null);
        var attributes = AlertPublisherSlaAlerts.message("sla_violation", v).attributes();
        assertEquals("sla_violation", attributes.get("alert_type"));
        assertEquals("sla", attributes.get("scope"));
        assertEquals("gpt-4o-mini", attributes.get("scope_id"));
        assertEquals("gpt-4o-mini", attributes.get("model"));
        assertTrue(AlertPublisherSlaAlerts.message("sla_violation", v).subject().length() < 100);
        assertTrue(
                AlertPublisherSlaAlerts.message("sla_resolved", v).json().contains("\"alert_type\":\"sla_resolved\""));
    }

    @Test
    void subjects_areShorterThan100Characters() {
        String hundred = "x".repeat(100);
        String subject = dev.tollgate.gateway.alerts.AlertMessages.subject(hundred);
        assertEquals(99, subject.length());
        assertTrue(subject.endsWith("..."));
        assertEquals("a b", dev.tollgate.gateway.alerts.AlertMessages.subject("a\nb"));
        assertEquals("x".repeat(99), dev.tollgate.gateway.alerts.AlertMessages.subject("x".repeat(99)));
    }

    @Test
    void glob_matchesWholeModelNames() {
        assertTrue(SlaDefinition.glob("gpt-4o*").matcher("gpt-4o-mini").matches());
        assertTrue(
                SlaDefinition.glob("claude-?-haiku").matcher("claude-3-haiku").matches());
        assertTrue(!SlaDefinition.glob("gpt-4o").matcher("gpt-4o-mini").matches());
        assertTrue(!SlaDefinition.glob("gpt.4o").matcher("gpt-4o").matches());
    }
}
