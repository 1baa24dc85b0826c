package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The proof that nothing is lost or double-counted: after mixed calls through the local gateway
 * (streamed and not, failing, refused), the lines in S3 equal the calls, and the sum of their costs
 * equals the sum of the cost headers equals the change of the budget counter.
 */
class ReconciliationTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-reconcile-master";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory(MockModel.CONFIG + """
                  - name: broken
                    provider: mock
                    base_model: gpt-4o-mini
                    max_retries: 0
                    mock: {fail_status: 500}
                settings:
                  cache: {enabled: true}
                  budgets:
                    global:
                      - {budget_duration: 1mo, max_budget: 1000}
                """, MASTER));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void linesInS3_equalCalls_andCostsAgreeEverywhere() throws Exception {
        BudgetLimit global = new BudgetLimit(Scope.GLOBAL, "global", BudgetWindow.MONTH, new BigDecimal("1000"));
        BudgetLedger ledger = gateway.context().getBean(BudgetLedger.class);
        BigDecimal before = ledger.read(List.of(global), Instant.now()).get(0).actual();
        Set<String> requestIds = new HashSet<>();
        BigDecimal headerSum = BigDecimal.ZERO;
        int calls = 0;
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> r = post(chat("mock-gpt-4o-mini", "call " + i + " " + "word ".repeat(i), false));
            assertEquals(200, r.statusCode(), r.body());
            headerSum = headerSum.add(new BigDecimal(
                    r.headers().firstValue("x-tollgate-response-cost").orElseThrow()));
            requestIds.add(r.headers().firstValue("x-tollgate-request-id").orElseThrow());
            calls++;
        }
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = post(chat("mock-gpt-4o-mini", "stream " + i, true));
            String body = r.body();
            String cost =
                    body.substring(body.indexOf("x-tollgate-response-cost: ") + 26, body.indexOf("\ndata: [DONE]"));
            headerSum = headerSum.add(new BigDecimal(cost));
            requestIds.add(r.headers().firstValue("x-tollgate-request-id").orElseThrow());
            calls++;
        }
        // the coding agents' APIs, bridged onto the same ledger: Messages and Responses, streamed and not
        for (int i = 0; i < 4; i++) {
            boolean stream = i % 2 == 1;
            HttpResponse<String> messages = post(
                    "/v1/messages",
                    "{\"model\":\"mock-gpt-4o-mini\",\"max_tokens\":64,\"stream\":" + stream
                            + ",\"messages\":[{\"role\":\"user\",\"content\":\"agent " + i + "\"}]}");
            HttpResponse<String> responses = post(
                    "/v1/responses",
                    "{\"model\":\"mock-gpt-4o-mini\",\"stream\":" + stream + ",\"input\":\"agent " + i + "\"}");
            for (HttpResponse<String> r : List.of(messages, responses)) {
                assertEquals(200, r.statusCode(), r.body());
                headerSum = headerSum.add(
                        stream
                                ? streamedCost(r.body())
                                : new BigDecimal(r.headers()
                                        .firstValue("x-tollgate-response-cost")
                                        .orElseThrow()));
                requestIds.add(r.headers().firstValue("x-tollgate-request-id").orElseThrow());
                calls++;
            }
        }
        // cached calls: one deterministic miss, then hits (complete and streamed) charged 0, logged with saved_cost
        String cachedPrompt = "{\"model\":\"mock-gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"cached " + System.nanoTime() + "\"}]";
        BigDecimal missCost = null;
        for (int i = 0; i < 4; i++) {
            boolean stream = i == 3;
            HttpResponse<String> r = post(cachedPrompt + ",\"stream\":" + stream + "}");
            assertTrue(gateway.awaitSettled(), "settled"); // the miss's answer is stored with its settlement
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(
                    i == 0 ? "miss" : "hit",
                    r.headers().firstValue("x-tollgate-cache").orElseThrow());
            BigDecimal cost = stream
                    ? streamedCost(r.body())
                    : new BigDecimal(
                            r.headers().firstValue("x-tollgate-response-cost").orElseThrow());
            missCost = i == 0 ? cost : missCost;
            headerSum = headerSum.add(cost);
            requestIds.add(r.headers().firstValue("x-tollgate-request-id").orElseThrow());
            calls++;
        }
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = post(chat("broken", "x", false));
            assertEquals(502, failed.statusCode());
            requestIds.add(failed.headers().firstValue("x-tollgate-request-id").orElseThrow());
            HttpResponse<String> invalid = post("{\"model\":\"mock-gpt-4o-mini\",\"messages\":\"not a list\"}");
            assertEquals(400, invalid.statusCode());
            requestIds.add(invalid.headers().firstValue("x-tollgate-request-id").orElseThrow());
            calls += 2;
        }

        gateway.shipSpendLogs();
        List<JsonNode> lines = spendLogLines(requestIds);

        assertEquals(calls, lines.size(), "one line per call");
        BigDecimal logSum =
                lines.stream().map(l -> l.path("cost").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, headerSum.compareTo(logSum), "log costs " + logSum + " vs header costs " + headerSum);
        BigDecimal after = ledger.read(List.of(global), Instant.now()).get(0).actual();
        assertEquals(0, headerSum.compareTo(after.subtract(before)), "counter moved by " + after.subtract(before));
        assertEquals(
                0,
                ledger.read(List.of(global), Instant.now()).get(0).committed().compareTo(after),
                "no reservation left open: committed == actual");
        List<JsonNode> hits =
                lines.stream().filter(l -> l.path("cache_hit").asBoolean()).toList();
        assertEquals(3, hits.size(), "three cache hits logged");
        for (JsonNode hit : hits) {
            assertEquals(0, hit.path("cost").decimalValue().signum(), "a hit is charged nothing");
            assertEquals(0, missCost.compareTo(hit.path("saved_cost").decimalValue()), "a hit saves the miss's cost");
            assertTrue(!hit.path("upstream_called").asBoolean());
        }
        assertEquals(
                3, lines.stream().filter(l -> l.path("status").asInt() == 502).count());
        assertEquals(
                3, lines.stream().filter(l -> l.path("status").asInt() == 400).count());
        assertTrue(lines.stream()
                .filter(l ->
                        l.path("stream").asBoolean() && !l.path("cache_hit").asBoolean())
                .allMatch(l -> l.path("cost").decimalValue().signum() > 0));
        assertEquals(
                4,
                lines.stream()
                        .filter(l -> l.path("call_type").asText().equals("messages"))
                        .count());
        assertEquals(
                4,
                lines.stream()
                        .filter(l -> l.path("call_type").asText().equals("responses"))
                        .count());
    }

    /** The cost a stream reports in its last SSE comment, in whichever API's format it streams. */
    private static BigDecimal streamedCost(String body) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("x-tollgate-response-cost: ([0-9.Ee+-]+)")
                .matcher(body);
        assertTrue(m.find(), body);
        return new BigDecimal(m.group(1));
    }

    @Test
    void spendLogsEndpoint_filtersByTagAndEndUser_pagesNewestFirst_andSpendTagsAddsUp() throws Exception {
        String tag = "tag-" + System.nanoTime();
        BigDecimal tagged = BigDecimal.ZERO;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = post(
                    "{\"model\":\"mock-gpt-4o-mini\",\"user\":\"customer-" + (i % 2) + "\",\"metadata\":{\"tags\":[\""
                            + tag + "\"]},\"messages\":[{\"role\":\"user\",\"content\":\"tagged " + i + "\"}]}");
            assertEquals(200, r.statusCode(), r.body());
            tagged = tagged.add(new BigDecimal(
                    r.headers().firstValue("x-tollgate-response-cost").orElseThrow()));
        }

        assertTrue(gateway.awaitSettled(), "settled"); // lines land just after their responses

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(
                    get("/spend/logs?tag=" + tag + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                            .body());
            page.path("data").forEach(seen::add);
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
        } while (cursor != null);
        JsonNode customer = JSON.readTree(
                        get("/spend/logs?tag=" + tag + "&end_user=customer-1").body())
                .path("data");
        JsonNode perTag = JSON.readTree(get("/spend/tags").body()).path("spend_per_tag");

        assertEquals(5, seen.size());
        assertEquals(
                5,
                seen.stream().map(l -> l.path("request_id").asText()).distinct().count(),
                "no page repeats a line");
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(
                    seen.get(i - 1)
                                    .path("start_time")
                                    .asText()
                                    .compareTo(seen.get(i).path("start_time").asText())
                            >= 0,
                    "newest first");
        }
        assertEquals(2, customer.size());
        JsonNode entry = null;
        for (JsonNode e : perTag) {
            if (e.path("individual_request_tag").asText().equals(tag)) {
                entry = e;
            }
        }
        assertEquals(5, entry.path("log_count").asInt());
        assertEquals(0, tagged.compareTo(entry.path("total_spend").decimalValue()));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("authorization", "Bearer " + MASTER)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static List<JsonNode> spendLogLines(Set<String> requestIds) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        try (S3Client s3 = gateway.context().getBean(S3Client.class)) {
            for (S3Object object : s3.listObjectsV2Paginator(
                            b -> b.bucket("tollgate-spend-logs").prefix("spend-logs/"))
                    .contents()) {
                byte[] gz = s3.getObjectAsBytes(
                                b -> b.bucket("tollgate-spend-logs").key(object.key()))
                        .asByteArray();
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        JsonNode record = JSON.readTree(line);
                        if (requestIds.contains(record.path("request_id").asText())) {
                            lines.add(record);
                        }
                    }
                }
                assertTrue(
                        object.key().matches("spend-logs/dt=\\d{4}-\\d{2}-\\d{2}/hour=\\d{2}/.+\\.json\\.gz"),
                        object.key());
            }
        }
        return lines;
    }

    private static String chat(String model, String text, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + text + "\"}]}";
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return post("/v1/chat/completions", body);
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl().replace("/v1", "") + path))
                        .header("authorization", "Bearer " + MASTER)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
