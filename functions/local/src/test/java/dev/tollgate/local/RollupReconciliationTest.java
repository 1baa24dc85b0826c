package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.RollupStore;
import dev.tollgate.analytics.rollup.S3SpendLogObjects;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import dev.tollgate.gateway.testing.Gzip;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The reconciliation of the control plane, end to end through the local gateway: after mixed calls
 * (plain, streamed, tagged, failing upstream, refused by a budget, answered by a fallback) and a
 * retried batch, Σ budget-counter delta = Σ S3 lines = Σ rollups = every report's total =
 * Σ FOCUS BilledCost, to the last digit.
 */
class RollupReconciliationTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-rollup-reconcile-master";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** From noon tomorrow: the calls, the counter read and every report fall in one day and one month. */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory(MockModel.CONFIG + """
                  - name: mock-gpt-4o
                    provider: mock
                    base_model: gpt-4o
                  - name: broken
                    provider: mock
                    base_model: gpt-4o-mini
                    max_retries: 0
                    mock: {fail_status: 500}
                router_settings:
                  fallbacks: {broken: [mock-gpt-4o]}
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
    void counters_s3Lines_rollups_reports_andFocus_agreeToTheLastDigit() throws Exception {
        // GIVEN a team, a user with a key, and a key whose budget is nearly gone
        send("POST", "/team/new", "{\"team_id\":\"ml\"}");
        send("POST", "/user/new", "{\"user_id\":\"ana\",\"auto_create_key\":false}");
        String key = JSON.readTree(send("POST", "/key/generate", "{\"user_id\":\"ana\",\"team_id\":\"ml\"}")
                        .body())
                .path("key")
                .asText();
        String poor = JSON.readTree(send("POST", "/key/generate", "{\"max_budget\":0.0000001}")
                        .body())
                .path("key")
                .asText();

        // WHEN mixed calls go through
        for (int i = 0; i < 8; i++) {
            chat(
                    key,
                    "{\"model\":\"mock-gpt-4o-mini\",\"user\":\"acme\",\"metadata\":{\"tags\":[\"prod\",\"batch\"]},"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"call " + i + " " + "word ".repeat(i)
                            + "\"}]}");
            chat(
                    key,
                    "{\"model\":\"mock-gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"s" + i
                            + "\"}]}");
        }
        chat(key, "{\"model\":\"broken\",\"messages\":[{\"role\":\"user\",\"content\":\"falls back\"}]}");
        chat(MASTER, "{\"model\":\"broken\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        HttpResponse<String> refused = chat(
                poor, "{\"model\":\"mock-gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"too dear\"}]}");
        assertEquals(429, refused.statusCode(), refused.body());
        gateway.shipSpendLogs();

        // THEN every total agrees
        BigDecimal counter = gateway.context()
                .getBean(BudgetLedger.class)
                .read(
                        List.of(new BudgetLimit(Scope.GLOBAL, "global", BudgetWindow.MONTH, new BigDecimal("1000"))),
                        CLOCK.instant())
                .get(0)
                .actual();
        S3SpendLogObjects objects =
                new S3SpendLogObjects(gateway.context().getBean(S3Client.class), "tollgate-spend-logs");
        List<String> keys = objects.keys("spend-logs/");
        BigDecimal s3 = BigDecimal.ZERO;
        int lines = 0;
        for (String k : keys) {
            for (SpendLogRecord r : objects.read(k)) {
                s3 = s3.add(r.cost());
                lines++;
            }
        }
        assertEquals(19, lines, "one line per call (16 + fallback + failure + refusal)");
        assertEquals(0, counter.compareTo(s3), "counter " + counter + " vs S3 " + s3);
        assertTrue(s3.signum() > 0);

        // a retried batch (the shipper observing the same objects again) changes nothing
        RollupStore store = gateway.context().getBean(RollupStore.class);
        for (String k : keys) {
            assertFalse(store.fold(k, objects.read(k)), k);
        }

        LocalDate today = LocalDate.now(CLOCK);
        String range = "start_date=" + today.minusDays(1) + "&end_date=" + today.plusDays(1);
        JsonNode cost = json("/api/v1/reports/cost?period=custom&" + range);
        assertEquals(0, s3.compareTo(cost.path("total_cost").decimalValue()), "cost report " + cost);
        assertEquals(19, cost.path("total_requests").asLong());
        assertEquals(0, s3.compareTo(sum(cost.path("breakdown_by_model"), "cost")));
        assertEquals(0, s3.compareTo(sum(cost.path("breakdown_by_team"), "cost")));

        BigDecimal byTeam = BigDecimal.ZERO;
        for (JsonNode day : json("/global/spend/report?group_by=team&" + range)) {
            byTeam = byTeam.add(sum(day.path("teams"), "total_spend"));
        }
        assertEquals(0, s3.compareTo(byTeam), "spend report by team");
        // a client that accepts gzip gets the stored day fragments as they are kept: the same JSON once inflated
        HttpResponse<byte[]> zipped = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + gateway.port() + "/global/spend/report?group_by=team&" + range))
                        .header("authorization", "Bearer " + MASTER)
                        .header("accept-encoding", "gzip")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("content-encoding").orElse(""));
        assertEquals(json("/global/spend/report?group_by=team&" + range), JSON.readTree(Gzip.inflate(zipped.body())));
        // LiteLLM's team_id filter, through HTTP: each team's filtered report is its share of the whole one
        java.util.Map<String, BigDecimal> perTeam = new java.util.TreeMap<>();
        for (JsonNode day : json("/global/spend/report?group_by=team&" + range)) {
            for (JsonNode team : day.path("teams")) {
                if (!team.path("team_name").isNull()) {
                    perTeam.merge(
                            team.path("team_name").asText(),
                            team.path("total_spend").decimalValue(),
                            BigDecimal::add);
                }
            }
        }
        assertFalse(perTeam.isEmpty());
        for (java.util.Map.Entry<String, BigDecimal> e : perTeam.entrySet()) {
            BigDecimal filtered = BigDecimal.ZERO;
            for (JsonNode day : json("/global/spend/report?group_by=team&team_id="
                    + java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "&" + range)) {
                assertEquals(1, day.path("teams").size(), day.toString());
                filtered = filtered.add(sum(day.path("teams"), "total_spend"));
            }
            assertEquals(0, e.getValue().compareTo(filtered), "team_id=" + e.getKey());
        }
        assertEquals(
                0, json("/global/spend/report?team_id=no-such-team&" + range).size(), "unknown team: empty");
        assertEquals(0, s3.compareTo(sum(json("/global/spend/report?group_by=api_key&" + range), "total_cost")));
        assertEquals(0, s3.compareTo(json("/global/spend").path("spend").decimalValue()));
        assertEquals(
                0,
                s3.compareTo(json("/user/daily/activity?" + range)
                        .path("metadata")
                        .path("total_spend")
                        .decimalValue()));
        assertEquals(
                0,
                s3.compareTo(json("/api/v1/reports/summary")
                        .path("today")
                        .path("cost")
                        .decimalValue()));

        // the summary's top models carry the same tokens as the month's cost report gives each model
        JsonNode byModel = json("/api/v1/reports/cost?period=monthly").path("breakdown_by_model");
        JsonNode top = json("/api/v1/reports/summary").path("top_models");
        assertTrue(top.size() > 0, "top models: " + top);
        for (JsonNode m : top) {
            JsonNode same = null;
            for (JsonNode b : byModel) {
                if (b.path("model").asText().equals(m.path("model").asText())) {
                    same = b;
                }
            }
            assertNotNull(same, "model " + m.path("model") + " in " + byModel);
            assertTrue(m.path("input_tokens").asLong() > 0, "input tokens of " + m);
            assertEquals(
                    same.path("input_tokens").asLong(), m.path("input_tokens").asLong());
            assertEquals(
                    same.path("output_tokens").asLong(), m.path("output_tokens").asLong());
        }

        String focus = send("GET", "/api/v1/reports/export?format=focus&period=custom&" + range, null)
                .body();
        String[] rows = focus.split("\r\n");
        assertTrue(rows[0].startsWith("BilledCost,"), rows[0]);
        BigDecimal billed = BigDecimal.ZERO;
        for (int i = 1; i < rows.length; i++) {
            billed = billed.add(new BigDecimal(rows[i].substring(0, rows[i].indexOf(','))));
        }
        assertEquals(0, s3.compareTo(billed), "FOCUS BilledCost " + billed + " vs " + s3);

        // and the tag report overlaps: both tags of the 8 tagged calls carry their full cost
        BigDecimal prod = BigDecimal.ZERO;
        BigDecimal batch = BigDecimal.ZERO;
        for (JsonNode day : json("/global/spend/report?group_by=tag&" + range)) {
            for (JsonNode tag : day.path("tags")) {
                if (tag.path("tag").asText().equals("prod")) {
                    prod = prod.add(tag.path("total_spend").decimalValue());
                }
                if (tag.path("tag").asText().equals("batch")) {
                    batch = batch.add(tag.path("total_spend").decimalValue());
                }
            }
        }
        assertEquals(0, prod.compareTo(batch));
        assertTrue(prod.signum() > 0);
    }

    private static BigDecimal sum(JsonNode array, String field) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode n : array) {
            total = total.add(n.path(field).decimalValue());
        }
        return total;
    }

    private static JsonNode json(String path) throws Exception {
        return JSON.readTree(send("GET", path, null).body());
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpResponse<String> r = LocalHttp.sendRaw(gateway, method, path, body, MASTER);
        assertEquals(200, r.statusCode(), method + " " + path + ": " + r.body());
        return r;
    }

    private static HttpResponse<String> chat(String key, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
