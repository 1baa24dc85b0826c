package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.storage.DynamoDbRequestMetrics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's burst, through the whole gateway on DynamoDB Local: 30 calls at once against a budget that fits
 * 10 worst cases, on a model that answers in 1.5 s. With waiting on (the default {@code max_wait_ms}), at
 * least 9 are admitted and the budget is used; with waiting off, every refusal tells the truth about the
 * spend at that moment. Every refusal is checked against its own figures and the final spend: a
 * {@code budget_exceeded} only when settled spend leaves no room for the smallest call, otherwise
 * {@code budget_in_use} naming what calls in flight hold, with a Retry-After of seconds.
 *
 * <p>Prints one line per burst (admitted, utilisation, DynamoDB requests): the figures of docs/benchmarks.md.
 */
class BudgetBurstTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-burst-master";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private static final int CALLS = 30;
    private static final int FITS = 10;
    private static final String MODELS = """
            models:
              - name: slow
                provider: mock
                base_model: gpt-4o-mini
                mock: {latency_ms: 1500}
              - name: slow-stream
                provider: mock
                base_model: gpt-4o-mini
                mock: {ttft_ms: 1500}
            """;
    /** About 20 output tokens of the 50 allowed: a call spends less than it reserves, as real calls do. */
    private static final String REPLY = "one two three four five six seven eight nine ten "
            + "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";

    private static final Pattern EXCEEDED = Pattern.compile("spent \\$([0-9.]+) of \\$([0-9.]+)");
    private static final Pattern IN_USE =
            Pattern.compile("\\$([0-9.]+) spent, \\$([0-9.]+) reserved by ([0-9]+) calls? in flight, of \\$([0-9.]+)");

    /**
     * The gateways' clock: from noon tomorrow, at least twelve hours from the monthly window's reset, so that a
     * {@code budget_exceeded} is sent hours away, never a few seconds, whenever the test runs.
     */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    private static LocalGateway waiting;
    private static LocalGateway noWait;
    private static LocalGateway longWait;

    @BeforeAll
    static void start() throws Exception {
        waiting = LocalGateway.start(LocalOptions.inMemory(MODELS, MASTER), CLOCK, Map.of());
        noWait = LocalGateway.start(LocalOptions.inMemory(MODELS + """
                settings:
                  budgets: {max_wait_ms: 0}
                """, MASTER), CLOCK, Map.of());
        longWait = LocalGateway.start(LocalOptions.inMemory(MODELS + """
                settings:
                  budgets: {max_wait_ms: 5000}
                """, MASTER), CLOCK, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        waiting.close();
        noWait.close();
        longWait.close();
    }

    @Test
    void burst_onKeyBudgetForTen_withWaiting_admitsAtLeastNineAndNeverOvershoots() throws Exception {
        Burst burst = keyBurst(waiting, "slow", false, "waiting on, key");

        assertTrue(burst.admitted() >= FITS - 1, burst.toString());
        burst.assertTruthful();
    }

    @Test
    void burst_onKeyBudgetForTen_waitingLongerThanTwoCalls_usesMoreOfTheBudget() throws Exception {
        Burst burst = keyBurst(longWait, "slow", false, "waiting 5 s, key");

        assertTrue(burst.admitted() >= FITS - 1, burst.toString());
        burst.assertTruthful();
    }

    @Test
    void burst_onKeyBudgetForTen_withoutWaiting_refusesTruthfullyWithShortRetryAfter() throws Exception {
        Burst burst = keyBurst(noWait, "slow", false, "waiting off, key");

        assertTrue(burst.admitted() >= 1, burst.toString());
        assertTrue(burst.inUse() >= 1, "calls in flight held the room at first: " + burst);
        burst.assertTruthful();
    }

    @Test
    void burst_onTeamSharedByFourKeys_withWaiting_admitsAtLeastNineAndNeverOvershoots() throws Exception {
        Burst burst = teamBurst(waiting, "waiting on, team of 4 keys");

        assertTrue(burst.admitted() >= FITS - 1, burst.toString());
        burst.assertTruthful();
    }

    @Test
    void burst_onTeamSharedByFourKeys_withoutWaiting_refusesTruthfully() throws Exception {
        Burst burst = teamBurst(noWait, "waiting off, team of 4 keys");

        assertTrue(burst.inUse() >= 1, burst.toString());
        burst.assertTruthful();
    }

    @Test
    void burst_ofStreams_withWaiting_admitsAtLeastNineAndNeverOvershoots() throws Exception {
        Burst burst = keyBurst(waiting, "slow-stream", true, "waiting on, streams");

        assertTrue(burst.admitted() >= FITS - 1, burst.toString());
        burst.assertTruthful();
    }

    @Test
    void burst_ofStreams_withoutWaiting_refusesTruthfully() throws Exception {
        Burst burst = keyBurst(noWait, "slow-stream", true, "waiting off, streams");

        assertTrue(burst.inUse() >= 1, burst.toString());
        burst.assertTruthful();
    }

    @Test
    void keyInfo_withoutParameter_showsAVirtualKeyItsOwnSpendReservedAndRemaining() throws Exception {
        String key = adminPost(
                        waiting,
                        "/key/generate",
                        "{\"key_alias\":\"self-" + System.nanoTime()
                                + "\",\"max_budget\":1,\"budget_duration\":\"1mo\"}")
                .path("key")
                .asText();
        HttpResponse<String> call = chat(waiting, key, body("slow", false));
        assertEquals(200, call.statusCode(), call.body());
        BigDecimal cost = new BigDecimal(header(call, "x-tollgate-response-cost"));
        assertEquals(0, cost.compareTo(new BigDecimal(header(call, "x-tollgate-budget-spent"))), "the key's only call");
        assertEquals("0", header(call, "x-tollgate-budget-reserved"));
        assertEquals("0", header(call, "x-tollgate-budget-in-flight"));
        assertEquals("1", header(call, "x-tollgate-budget-limit"));
        assertEquals("key; window=1mo", header(call, "x-tollgate-budget-scope"));
        assertEquals(
                0,
                BigDecimal.ONE.subtract(cost).compareTo(new BigDecimal(header(call, "x-tollgate-budget-remaining"))));

        HttpResponse<String> own = get(waiting, "/key/info", key);
        HttpResponse<String> other = get(waiting, "/key/info?key=sk-someone-else-entirely-000", key);

        assertEquals(200, own.statusCode(), own.body());
        JsonNode row = JSON.readTree(own.body()).path("info").path("budgets").path(0);
        assertTrue(row.path("spend").decimalValue().signum() > 0, row.toString());
        assertEquals(0, row.path("reserved").decimalValue().signum(), row.toString());
        assertEquals(0, row.path("in_flight").asInt(), row.toString());
        assertEquals(
                0,
                BigDecimal.ONE
                        .subtract(row.path("spend").decimalValue())
                        .compareTo(row.path("remaining").decimalValue()),
                row.toString());
        assertEquals(403, other.statusCode(), "a virtual key sees only itself");
    }

    private Burst keyBurst(LocalGateway gateway, String model, boolean stream, String label) throws Exception {
        Costs costs = costs(gateway, model);
        BigDecimal limit = costs.worst().multiply(BigDecimal.valueOf(FITS));
        String alias = "burst-" + System.nanoTime();
        String key = adminPost(
                        gateway,
                        "/key/generate",
                        "{\"key_alias\":\"" + alias + "\",\"budget_duration\":\"1mo\",\"max_budget\":"
                                + limit.toPlainString() + "}")
                .path("key")
                .asText();
        Burst burst = run(gateway, label, limit, costs, i -> key, body(model, stream));
        burst.after(settled(() -> admin(gateway, "/key/info?key=" + key)
                .path("info")
                .path("budgets")
                .path(0)));
        burst.assertRefusalsName("key '" + alias + "' (1mo window)");
        System.out.println(burst);
        return burst;
    }

    private Burst teamBurst(LocalGateway gateway, String label) throws Exception {
        Costs costs = costs(gateway, "slow");
        BigDecimal limit = costs.worst().multiply(BigDecimal.valueOf(FITS));
        String team = "burst-team-" + System.nanoTime();
        adminPost(
                gateway,
                "/team/new",
                "{\"team_id\":\"" + team
                        + "\",\"team_alias\":\"Burst team\",\"budget_duration\":\"1mo\",\"max_budget\":"
                        + limit.toPlainString() + "}");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(adminPost(gateway, "/key/generate", "{\"team_id\":\"" + team + "\"}")
                    .path("key")
                    .asText());
        }
        Burst burst = run(gateway, label, limit, costs, i -> keys.get(i % 4), body("slow", false));
        burst.after(settled(() -> admin(gateway, "/team/info?team_id=" + team)
                .path("team_info")
                .path("budgets")
                .path(0)));
        burst.assertRefusalsName("team 'Burst team' (" + team + ") (1mo window)");
        System.out.println(burst);
        return burst;
    }

    private interface Read {
        JsonNode row() throws Exception;
    }

    /** The budget row once no call is in flight: a stream settles just after its last byte reached the client. */
    private static JsonNode settled(Read read) throws Exception {
        JsonNode row = read.row();
        for (int i = 0; i < 600 && row.path("in_flight").asLong() > 0; i++) {
            Thread.sleep(50);
            row = read.row();
        }
        return row;
    }

    private interface KeyOf {
        String key(int i);
    }

    private Burst run(LocalGateway gateway, String label, BigDecimal limit, Costs costs, KeyOf keys, String body)
            throws Exception {
        DynamoDbRequestMetrics metrics = gateway.context().getBean(DynamoDbRequestMetrics.class);
        metrics.reset();
        // to the second before: whatever rounding the gateway's reading of its clock has, it is no earlier
        Instant startedAt = CLOCK.instant().truncatedTo(ChronoUnit.SECONDS);
        long start = System.nanoTime();
        List<HttpResponse<String>> responses = Concurrently.run(CALLS, i -> chat(gateway, keys.key(i), body));
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new Burst(label, limit, costs, responses, metrics.requests(), startedAt, millis);
    }

    /** The worst case of one call (max_tokens 50) and of its smallest form (one output token), from /predict. */
    private record Costs(BigDecimal worst, BigDecimal smallest) {}

    private Costs costs(LocalGateway gateway, String model) throws Exception {
        String probe = adminPost(gateway, "/key/generate", "{}").path("key").asText();
        BigDecimal worst = predict(gateway, probe, body(model, false));
        BigDecimal smallest =
                predict(gateway, probe, body(model, false).replace("\"max_tokens\":50", "\"max_tokens\":1"));
        return new Costs(worst, smallest);
    }

    private static String body(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":50,\"stream\":" + stream + ",\"mock_response\":\"" + REPLY
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"burst\"}]}";
    }

    /** One burst's outcome, and the checks every refusal must pass. */
    private static final class Burst {
        final String label;
        final BigDecimal limit;
        final Costs costs;
        final List<HttpResponse<String>> responses;
        final Map<String, Long> requests;
        final Instant startedAt;
        final long millis;
        BigDecimal spent;
        JsonNode row;

        /** The budget's info row once the burst is over. */
        void after(JsonNode budgetRow) {
            row = budgetRow;
            spent = budgetRow.path("spend").decimalValue();
        }

        Burst(
                String label,
                BigDecimal limit,
                Costs costs,
                List<HttpResponse<String>> responses,
                Map<String, Long> requests,
                Instant startedAt,
                long millis) {
            this.label = label;
            this.limit = limit;
            this.costs = costs;
            this.responses = responses;
            this.requests = requests;
            this.startedAt = startedAt;
            this.millis = millis;
        }

        long admitted() {
            return responses.stream().filter(r -> r.statusCode() == 200).count();
        }

        long inUse() {
            return responses.stream()
                    .filter(r -> code(r).equals("budget_in_use"))
                    .count();
        }

        long exceeded() {
            return responses.stream()
                    .filter(r -> code(r).equals("budget_exceeded"))
                    .count();
        }

        void assertRefusalsName(String scope) throws Exception {
            for (HttpResponse<String> r : responses) {
                if (r.statusCode() == 429) {
                    String message = message(r);
                    assertTrue(message.contains(" for " + scope + ": "), message);
                }
            }
        }

        /**
         * Spend never passed the limit; every call was admitted or refused for budget; a refusal's spend is at
         * most the final spend (spend only grows), and it is {@code budget_exceeded} exactly when that spend
         * leaves no room for the smallest call (with a Retry-After to the monthly window's reset, counted from
         * some moment of the burst), else {@code budget_in_use} with calls in flight and a short Retry-After.
         */
        void assertTruthful() throws Exception {
            long untilResetAtStart = untilMonthEnds(startedAt);
            long untilResetNow = untilMonthEnds(CLOCK.instant());
            assertTrue(spent.compareTo(limit) <= 0, "spent " + spent + " of " + limit);
            assertEquals(0, row.path("in_flight").asLong(), "no call left in flight: " + row);
            assertEquals(0, row.path("reserved").decimalValue().signum(), "nothing left reserved: " + row);
            for (HttpResponse<String> r : responses) {
                if (r.statusCode() == 200) {
                    continue;
                }
                assertEquals(429, r.statusCode(), r.body());
                String message = message(r);
                long retryAfter =
                        Long.parseLong(r.headers().firstValue("retry-after").orElseThrow());
                switch (code(r)) {
                    case "budget_exceeded" -> {
                        Matcher m = EXCEEDED.matcher(message);
                        assertTrue(m.find(), message);
                        BigDecimal atThatMoment = new BigDecimal(m.group(1));
                        assertTrue(atThatMoment.compareTo(spent) <= 0, "claims more than was ever spent: " + message);
                        assertTrue(
                                limit.subtract(atThatMoment).compareTo(costs.smallest()) < 0,
                                "budget_exceeded while spend left room for " + costs.smallest() + ": " + message);
                        assertTrue(
                                retryAfter >= untilResetNow && retryAfter <= untilResetAtStart,
                                "sent to the window's reset, " + untilResetNow + " to " + untilResetAtStart
                                        + " s away: " + retryAfter);
                    }
                    case "budget_in_use" -> {
                        Matcher m = IN_USE.matcher(message);
                        assertTrue(m.find(), message);
                        BigDecimal atThatMoment = new BigDecimal(m.group(1));
                        assertTrue(atThatMoment.compareTo(spent) <= 0, "claims more than was ever spent: " + message);
                        assertTrue(
                                limit.subtract(atThatMoment).compareTo(costs.smallest()) >= 0,
                                "budget_in_use though spend left no room: " + message);
                        assertTrue(new BigDecimal(m.group(2)).signum() > 0, message);
                        assertTrue(Integer.parseInt(m.group(3)) >= 1, message);
                        assertTrue(retryAfter >= 1 && retryAfter <= 10, "retry-after " + retryAfter);
                    }
                    default -> fail("not a budget refusal: " + r.body());
                }
            }
        }

        @Override
        public String toString() {
            BigDecimal utilisation = spent == null
                    ? BigDecimal.ZERO
                    : spent.multiply(BigDecimal.valueOf(100)).divide(limit, new MathContext(3));
            return String.format(
                    "burst (%s): %d calls against a budget for %d: admitted %d, budget_in_use %d, budget_exceeded %d;"
                            + " spent %s of %s (%s%%) in %d ms; DynamoDB requests %s",
                    label,
                    responses.size(),
                    FITS,
                    admitted(),
                    inUse(),
                    exceeded(),
                    spent == null ? "?" : spent.toPlainString(),
                    limit.toPlainString(),
                    utilisation.toPlainString(),
                    millis,
                    requests);
        }
    }

    /** Whole seconds from {@code at} to the start of the next calendar month (UTC, the default budget zone). */
    private static long untilMonthEnds(Instant at) {
        YearMonth month = YearMonth.from(at.atZone(ZoneOffset.UTC));
        Instant reset =
                month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Duration.between(at, reset).toSeconds();
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + ": " + r.headers()));
    }

    private static String code(HttpResponse<String> r) {
        try {
            return r.statusCode() == 200
                    ? ""
                    : JSON.readTree(r.body()).path("error").path("code").asText();
        } catch (Exception e) {
            return "unparsable";
        }
    }

    private static String message(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).path("error").path("message").asText();
    }

    private static BigDecimal predict(LocalGateway gateway, String key, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/predict"))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("max_cost_usd").decimalValue();
    }

    private static HttpResponse<String> chat(LocalGateway gateway, String key, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                        .header("authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(LocalGateway gateway, String path, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("authorization", "Bearer " + key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode adminPost(LocalGateway gateway, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("authorization", "Bearer " + MASTER)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode admin(LocalGateway gateway, String path) throws Exception {
        HttpResponse<String> r = get(gateway, path, MASTER);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }
}
