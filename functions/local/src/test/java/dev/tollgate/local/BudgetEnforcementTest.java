package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hard budgets through the whole gateway on DynamoDB Local: 64 concurrent calls never overshoot a key's
 * or a team's budget, streamed or not; a call whose worst case does not fit is clamped instead.
 */
class BudgetEnforcementTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-budget-master";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    /** Output is free on "flat", so a call costs exactly its input and reserved == actual: the race outcome is exact. */
    private static final String FLAT_CALL =
            "{\"model\":\"flat\",\"messages\":[{\"role\":\"user\",\"content\":\"race\"}]}";

    /**
     * The gateway's clock: from noon tomorrow, so that the daily windows below never turn during the class, and
     * moved to a fresh minute for the per-minute limit.
     */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    /**
     * How long a race may take, from the first call to the last settlement. The calls answer in milliseconds and a
     * refused call waits only for those in flight to settle: a race takes a few seconds on a busy machine. The wait
     * allowed ({@code max_wait_ms}) is far longer so that the outcome is exact; this bound is what shows a
     * settlement that got slow (or a refusal that waits for nothing).
     */
    private static final java.time.Duration RACE_BOUND = java.time.Duration.ofSeconds(15);

    private static LocalGateway gateway;
    private static BigDecimal flatCost;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(
                LocalOptions.inMemory("""
                models:
                  - name: flat
                    provider: mock
                    base_model: gpt-4o-mini
                    pricing: {input_cost_per_token: 0.000001, output_cost_per_token: 0}
                  - name: mock-gpt-4o-mini
                    provider: mock
                    base_model: gpt-4o-mini
                settings:
                  # a call the races below refuse waits out the calls in flight (by default for at most 2 s, which
                  # 64 calls on a busy machine can outlast), so that the refusal is budget_exceeded, never
                  # budget_in_use: the outcome is exact on any machine. BudgetBurstTest covers the default wait
                  # (each race below must still end, its calls settled, within RACE_BOUND: see race())
                  budgets: {max_wait_ms: 60000}
                """, MASTER), CLOCK, java.util.Map.of("tollgate.storage.item-metrics", true));
        HttpResponse<String> probe = post(key(null, null), FLAT_CALL);
        flatCost = new BigDecimal(
                probe.headers().firstValue("x-tollgate-response-cost").orElseThrow());
        assertTrue(flatCost.signum() > 0);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void race_64ConcurrentCalls_onKeyBudgetForTen_exactlyTenSucceed() throws Exception {
        String key = key(flatCost.multiply(BigDecimal.TEN), null);

        List<HttpResponse<String>> responses = race(64, i -> post(key, FLAT_CALL));

        assertOutcome(responses, 10);
        JsonNode info = admin("/key/info?key=" + key);
        assertTrue(
                info.toString()
                        .contains(flatCost.multiply(BigDecimal.TEN)
                                .stripTrailingZeros()
                                .toPlainString()),
                info.toString());
    }

    @Test
    void race_teamBudgetSharedByFourKeys_neverOvershoots() throws Exception {
        String team = "team-" + System.nanoTime();
        adminPost(
                "/team/new",
                "{\"team_id\":\"" + team + "\",\"max_budget\":"
                        + flatCost.multiply(BigDecimal.valueOf(12)).toPlainString() + "}");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(key(null, team));
        }

        List<HttpResponse<String>> responses = race(64, i -> post(keys.get(i % 4), FLAT_CALL));

        assertOutcome(responses, 12);
    }

    @Test
    void race_streamedCalls_neverOvershoot() throws Exception {
        String key = key(flatCost.multiply(BigDecimal.valueOf(8)), null);
        String stream = FLAT_CALL.replace("{\"model\"", "{\"stream\":true,\"model\"");

        List<HttpResponse<String>> responses = race(32, i -> post(key, stream));

        assertOutcome(responses, 8);
    }

    @Test
    void race_messagesApiStreams_neverOvershoot() throws Exception {
        // GIVEN Claude Code's kind of call: Anthropic's Messages API, streamed, bridged to the same ledger
        String key = key(flatCost.multiply(BigDecimal.valueOf(8)), null);
        String messages = "{\"model\":\"flat\",\"max_tokens\":16,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"race\"}]}";

        List<HttpResponse<String>> responses = race(32, i -> post(key, "/v1/messages", messages));

        assertOutcome(responses, 8);
        assertTrue(responses.stream()
                .filter(r -> r.statusCode() == 200)
                .allMatch(r -> r.body().contains("event: message_stop")));
    }

    @Test
    void clamp_worstCaseOverRemainingBudget_lowersMaxTokensAndStaysWithinLimit() throws Exception {
        // gpt-4o-mini: 1000 output tokens at $0.60/M = $0.0006 worst case; the key has $0.0002
        String key = key(new BigDecimal("0.0002"), null);
        String body = "{\"model\":\"mock-gpt-4o-mini\",\"max_tokens\":1000,\"mock_response\":\""
                + "word ".repeat(600).trim() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}";

        HttpResponse<String> response = post(key, body);

        assertEquals(200, response.statusCode(), response.body());
        int clamped = Integer.parseInt(
                response.headers().firstValue("x-tollgate-max-tokens-clamped").orElseThrow());
        assertTrue(clamped > 0 && clamped < 1000, "clamped to " + clamped);
        JsonNode answer = JSON.readTree(response.body());
        assertEquals(
                "length", answer.path("choices").path(0).path("finish_reason").asText());
        assertTrue(answer.path("usage").path("completion_tokens").asInt() <= clamped);
        BigDecimal cost = new BigDecimal(
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
        assertTrue(cost.compareTo(new BigDecimal("0.0002")) <= 0, "cost " + cost);
        assertNotNull(
                response.headers().firstValue("x-tollgate-budget-remaining").orElse(null));
        assertEquals(
                0,
                cost.compareTo(new BigDecimal(
                        response.headers().firstValue("x-tollgate-key-spend").orElseThrow())),
                "the key's first call: its spend is this call's cost");
        assertEquals(
                "0.0002",
                response.headers().firstValue("x-tollgate-key-max-budget").orElseThrow());
        assertEquals(
                "0.0002",
                response.headers().firstValue("x-litellm-key-max-budget").orElseThrow());
    }

    @Test
    void clamp_callsWithoutMaxTokens_useTheBudgetNearlyToItsLimitAndNeverPast() throws Exception {
        // no max_tokens: the worst case is gpt-4o-mini's 16,384 output tokens (≈ $0.0098), far above $0.0001,
        // so every call is clamped to a share of what remains, until not even the input fits
        BigDecimal limit = new BigDecimal("0.0001");
        String key = key(limit, null);
        String call = "{\"model\":\"mock-gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
        int ok = 0;
        HttpResponse<String> last = null;
        long lastMillis = 0;
        for (int i = 0; i < 60 && (last == null || last.statusCode() == 200); i++) {
            assertTrue(
                    gateway.awaitSettled(),
                    "settled"); // one call at a time: nothing is in flight when the next is admitted
            long start = System.nanoTime();
            last = post(key, call);
            lastMillis = (System.nanoTime() - start) / 1_000_000;
            ok += last.statusCode() == 200 ? 1 : 0;
        }

        assertEquals(429, last.statusCode(), "eventually refused");
        // Bug guarded: with room for the call's input but not for one output token within the clamp's share, and
        // no call in flight, the refusal waited out max_wait_ms and then said budget_in_use
        assertEquals(
                "budget_exceeded",
                JSON.readTree(last.body()).path("error").path("code").asText(),
                last.body());
        assertTrue(lastMillis < 10_000, "refused without waiting for calls that are not there: " + lastMillis + " ms");
        BigDecimal spent =
                admin("/key/info?key=" + key).path("info").path("spend").decimalValue();
        assertTrue(spent.compareTo(limit) <= 0, "spent " + spent);
        assertTrue(spent.compareTo(new BigDecimal("0.00009")) >= 0, "used at least 90% of the budget, spent " + spent);
        assertTrue(ok >= 10, ok + " calls succeeded");
    }

    @Test
    void predict_withVirtualKey_reportsRemainingBudgetAndWhetherTheWorstCaseFits() throws Exception {
        String key = key(new BigDecimal("0.0002"), null);
        String small =
                "{\"model\":\"mock-gpt-4o-mini\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
        String large = small.replace("\"max_tokens\":10", "\"max_tokens\":1000");

        JsonNode fits = JSON.readTree(predict(key, small).body());
        JsonNode tooBig = JSON.readTree(predict(key, large).body());

        assertEquals(new BigDecimal("0.0002"), fits.path("budget_remaining_usd").decimalValue());
        assertTrue(fits.path("within_budget").asBoolean());
        // 8 × $0.15/M + 1000 × $0.60/M = 0.0006012 > 0.0002
        assertEquals(new BigDecimal("0.0006012"), tooBig.path("max_cost_usd").decimalValue());
        assertTrue(!tooBig.path("within_budget").asBoolean());
        assertTrue(tooBig.path("warning").asText().contains("exceeds the remaining budget"));
    }

    private static HttpResponse<String> predict(String key, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/predict"))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void softBudgetInADailyWindow_withoutHardBudget_alertsOnceWhenCrossed() throws Exception {
        JsonNode generated = adminPost(
                "/key/generate",
                "{\"key_alias\":\"soft-" + System.nanoTime() + "\",\"soft_budget\":"
                        + flatCost.multiply(new BigDecimal("1.5")).toPlainString() + ",\"budget_duration\":\"1d\"}");
        String key = generated.path("key").asText();
        for (int i = 0; i < 4; i++) {
            assertEquals(200, post(key, FLAT_CALL).statusCode(), "a soft budget never refuses");
        }

        long alerts = 0;
        for (JsonNode alert : admin("/alerts?limit=100").path("data")) {
            if (alert.path("id").asText().equals(generated.path("key_id").asText())
                    && alert.path("alert_type").asText().equals("soft_budget_crossed")) {
                alerts++;
                assertEquals("1d", alert.path("window").asText());
            }
        }
        assertEquals(1, alerts, "one soft-budget alert for the day, however many calls crossed it");
    }

    @Test
    void overBudget_is429WithScopeWindowSpendLimitAndNoRetryAfterForLifetime() throws Exception {
        String key = key(flatCost, null);
        assertEquals(200, post(key, FLAT_CALL).statusCode());

        HttpResponse<String> refused = post(key, FLAT_CALL);

        assertEquals(429, refused.statusCode());
        JsonNode error = JSON.readTree(refused.body()).path("error");
        assertEquals("budget_exceeded", error.path("type").asText());
        assertEquals("budget_exceeded", error.path("code").asText());
        assertTrue(error.path("message").asText().startsWith("Budget exceeded for key '"), error.toString());
        assertTrue(error.path("message").asText().contains("(lifetime)"), error.toString());
    }

    @Test
    void dailyWindow_reportsResetAndRetryAfter() throws Exception {
        String key = keyWith("{\"budget_limits\":[{\"budget_duration\":\"1d\",\"max_budget\":"
                + flatCost.toPlainString() + "},{\"budget_duration\":\"1mo\",\"max_budget\":1}]}");
        assertEquals(200, post(key, FLAT_CALL).statusCode());

        HttpResponse<String> refused = post(key, FLAT_CALL);

        assertEquals(429, refused.statusCode());
        assertTrue(refused.body().contains("(1d window)"), refused.body());
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 86_400, "retry-after " + retryAfter);
    }

    @Test
    void rpmLimit_thirdCallInTheMinute_is429WithRateLimitHeaders() throws Exception {
        String key = keyWith("{\"rpm_limit\":2}");
        // per-minute counters are per calendar minute: the three calls must fall in one, however slow the machine
        CLOCK.toNextMinute();

        HttpResponse<String> first = post(key, FLAT_CALL);
        HttpResponse<String> second = post(key, FLAT_CALL);
        HttpResponse<String> third = post(key, FLAT_CALL);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(
                "2", first.headers().firstValue("x-ratelimit-limit-requests").orElseThrow());
        assertEquals(
                "1",
                first.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertEquals(200, second.statusCode());
        assertEquals(429, third.statusCode());
        assertEquals(
                "rate_limit_exceeded",
                JSON.readTree(third.body()).path("error").path("code").asText());
        assertTrue(Long.parseLong(third.headers().firstValue("retry-after").orElseThrow()) <= 60);
    }

    @Test
    void dynamoDbRequestsPerCall_keyInTeamWithOneTag_areTwoTransactionsAndOneRead() throws Exception {
        String team = "wcu-" + System.nanoTime();
        adminPost("/team/new", "{\"team_id\":\"" + team + "\",\"max_budget\":100}");
        adminPost("/tag/new", "{\"name\":\"" + team + "-tag\",\"max_budget\":100}");
        String key = keyWith("{\"team_id\":\"" + team + "\",\"max_budget\":50}");
        String tagged = FLAT_CALL.replace("{\"model\"", "{\"tags\":[\"" + team + "-tag\"],\"model\"");
        dev.tollgate.gateway.storage.DynamoDbRequestMetrics metrics =
                gateway.context().getBean(dev.tollgate.gateway.storage.DynamoDbRequestMetrics.class);
        // the key, team and tag records, the runtime global budget and the active failovers are cached for 5 s and
        // re-read by whichever call finds them stale: with the clock held, the warm-up reads them and the measured
        // call finds every one fresh, however slow the machine, so what it sends is its own
        CLOCK.hold();
        try {
            assertEquals(200, post(key, tagged).statusCode(), "warm-up: key, team and tag records now cached");
            // a call settles just after its response: the warm-up's settle transaction must not be counted as this
            // call's, and this call's own must be
            assertTrue(gateway.awaitSettled(), "warm-up settled");
            metrics.reset();

            HttpResponse<String> response = post(key, tagged);

            assertEquals(200, response.statusCode(), response.body());
            assertTrue(gateway.awaitSettled(), "settled");
        } finally {
            CLOCK.release();
        }
        // reserve (one transaction over the key, team and tag counters and the reservation), the spend
        // read for the headers (one batch read), settle (one transaction: counters, reservation, log line)
        assertEquals(
                java.util.Map.of("BatchGetItem", 1L, "TransactWriteItems", 2L),
                metrics.requests(),
                metrics.itemRequests()::toString);
        System.out.printf(
                "DynamoDB per proxied call (key in a team, one tag): %s, %.1f WCU reported by DynamoDB Local%n",
                metrics.requests(), metrics.transactionWriteUnits());
    }

    /** {@link Concurrently#run} with {@code calls} calls, which must all answer and settle within {@link #RACE_BOUND}. */
    private static List<HttpResponse<String>> race(int calls, Concurrently.Call call) throws Exception {
        long start = System.nanoTime();
        List<HttpResponse<String>> responses = Concurrently.run(calls, call);
        assertTrue(gateway.awaitSettled(), "settled");
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
        assertTrue(
                took.compareTo(RACE_BOUND) < 0,
                () -> calls + " calls took " + took.toMillis() + " ms to answer and settle (bound " + RACE_BOUND + ")");
        return responses;
    }

    private static void assertOutcome(List<HttpResponse<String>> responses, int expectedSuccesses) throws Exception {
        long ok = responses.stream().filter(r -> r.statusCode() == 200).count();
        long refused = responses.stream().filter(r -> r.statusCode() == 429).count();
        assertEquals(expectedSuccesses, ok, "successes");
        assertEquals(responses.size() - expectedSuccesses, refused, "every other call is refused");
        for (HttpResponse<String> r : responses) {
            if (r.statusCode() == 429) {
                assertEquals(
                        "budget_exceeded",
                        JSON.readTree(r.body()).path("error").path("code").asText());
            }
        }
    }

    private static String key(BigDecimal maxBudget, String team) throws Exception {
        StringBuilder body = new StringBuilder("{");
        if (maxBudget != null) {
            body.append("\"max_budget\":").append(maxBudget.toPlainString());
        }
        if (team != null) {
            body.append(body.length() > 1 ? "," : "")
                    .append("\"team_id\":\"")
                    .append(team)
                    .append("\"");
        }
        return keyWith(body.append("}").toString());
    }

    private static String keyWith(String body) throws Exception {
        return adminPost("/key/generate", body).path("key").asText();
    }

    private static JsonNode adminPost(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("authorization", "Bearer " + MASTER)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** An admin read, once the calls answered so far have settled (they settle just after their response). */
    private static JsonNode admin(String path) throws Exception {
        assertTrue(gateway.awaitSettled(), "settled");
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("authorization", "Bearer " + MASTER)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(String key, String body) throws Exception {
        return post(key, "/v1/chat/completions", body);
    }

    private static HttpResponse<String> post(String key, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl().replace("/v1", "") + path))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
