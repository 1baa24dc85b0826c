package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.proxy.Settlements;
import dev.tollgate.gateway.storage.DynamoDbRequestMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The figures of docs/benchmarks.md "Response cache": latency of a cache hit against a miss on the local runtime
 * (DynamoDB Local, a mock upstream answering in 300 ms), and the DynamoDB requests and capacity units of one hit
 * and one miss. Prints lines starting with {@code cache-bench}; asserts the shape: a hit calls no upstream, and
 * every DynamoDB request of a hit and of a miss, with the master key and with a key in a team (a hit costs one
 * cache GetItem and no PutItem, a miss one of each, and neither reads anything else per call).
 */
class CacheLatencyTest {
    private static final String MASTER = "sk-cache-bench";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CALLS = 40;
    /**
     * The gateway's clock, held through the test: the key and team records, the global budget and the active
     * failovers are cached for 5 s and re-read by whichever call finds them stale, so with the clock held the
     * warm-up reads them and no measured call does, however slow the machine: what a measured call sends is its own.
     */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(
                LocalOptions.inMemory(MockModel.CONFIG + """
                    mock: {latency_ms: 300}
                settings:
                  cache: {enabled: true}
                """, MASTER),
                CLOCK,
                Map.of("tollgate.storage.item-metrics", true));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void hitVersusMiss_latencyAndDynamoDbUnits() throws Exception {
        LocalHttp.send(gateway, "POST", "/team/new", "{\"team_id\":\"cache-bench\",\"max_budget\":100}", MASTER, 200);
        String teamKey = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(LocalHttp.send(
                        gateway,
                        "POST",
                        "/key/generate",
                        "{\"team_id\":\"cache-bench\",\"max_budget\":50}",
                        MASTER,
                        200))
                .path("key")
                .asText();
        long run = System.nanoTime();
        CLOCK.hold();
        try {
            for (int i = 0; i < 5; i++) { // warm-up: JIT, key paths, DynamoDB Local's first writes, cached records
                post(MASTER, body(run + "-warm-" + i));
                post(MASTER, body(run + "-warm-" + i));
                post(teamKey, body(run + "-warm-team-" + i));
                post(teamKey, body(run + "-warm-team-" + i));
            }
            assertTrue(gateway.awaitSettled(), "warm-up settled");
            List<Double> misses = new ArrayList<>();
            List<Double> hits = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                misses.add(timed(MASTER, body(run + "-" + i), "miss"));
            }
            for (int i = 0; i < CALLS; i++) {
                hits.add(timed(MASTER, body(run + "-" + i), "hit"));
            }
            System.out.printf(
                    "cache-bench miss: p50 %.1f ms, p90 %.1f ms; hit: p50 %.1f ms, p90 %.1f ms (%d calls each)%n",
                    pct(misses, 50), pct(misses, 90), pct(hits, 50), pct(hits, 90), CALLS);
            assertTrue(pct(hits, 50) < pct(misses, 50), "a hit skips the 300 ms upstream");

            // the master key: no key, team or budget counters to read
            Units miss = units(MASTER, body(run + "-units"), "miss");
            Units hit = units(MASTER, body(run + "-units"), "hit");
            System.out.printf("cache-bench miss DynamoDB: %s%n", miss);
            System.out.printf("cache-bench hit DynamoDB: %s%n", hit);
            // admission and settlement: two transactions; the cache: one GetItem, and a miss's one PutItem
            assertEquals(Map.of("GetItem", 1L, "TransactWriteItems", 2L), hit.requests(), hit::toString);
            assertEquals(
                    Map.of("GetItem", 1L, "PutItem", 1L, "TransactWriteItems", 2L), miss.requests(), miss::toString);
            assertEquals(1L, hit.items().get("GetItem CACHE"), hit::toString);
            assertTrue(!hit.items().containsKey("PutItem CACHE"), hit::toString);
            assertEquals(1L, miss.items().get("GetItem CACHE"), miss::toString);
            assertEquals(1L, miss.items().get("PutItem CACHE"), miss::toString);

            // a key in a team: its key and team records come from the cache; the spend read for the headers is
            // one batch read, hit or miss
            Units teamMiss = units(teamKey, body(run + "-team-units"), "miss");
            Units teamHit = units(teamKey, body(run + "-team-units"), "hit");
            System.out.printf("cache-bench key in a team, miss DynamoDB: %s%n", teamMiss);
            System.out.printf("cache-bench key in a team, hit DynamoDB: %s%n", teamHit);
            assertEquals(
                    Map.of("GetItem", 1L, "BatchGetItem", 1L, "TransactWriteItems", 2L),
                    teamHit.requests(),
                    teamHit::toString);
            assertEquals(
                    Map.of("GetItem", 1L, "PutItem", 1L, "BatchGetItem", 1L, "TransactWriteItems", 2L),
                    teamMiss.requests(),
                    teamMiss::toString);
            assertEquals(1L, teamHit.items().get("GetItem CACHE"), teamHit::toString);
            assertTrue(!teamHit.items().containsKey("PutItem CACHE"), teamHit::toString);
        } finally {
            CLOCK.release();
        }
    }

    /** What one call sends to DynamoDB, its settlement included. */
    private record Units(
            Map<String, Long> requests,
            Map<String, Long> items,
            Map<String, Double> itemUnits,
            double transactionUnits) {
        @Override
        public String toString() {
            return String.format(
                    "%s (%s), item units %s, transaction units %.1f", requests, items, itemUnits, transactionUnits);
        }
    }

    private static Units units(String bearer, String body, String expected) throws Exception {
        DynamoDbRequestMetrics metrics = gateway.context().getBean(DynamoDbRequestMetrics.class);
        metrics.reset();
        timed(bearer, body, expected);
        return new Units(
                Map.copyOf(metrics.requests()),
                Map.copyOf(metrics.itemRequests()),
                Map.copyOf(metrics.itemUnits()),
                metrics.transactionWriteUnits());
    }

    private static String body(String id) {
        return "{\"model\":\"mock-gpt-4o-mini\",\"temperature\":0,\"max_tokens\":64,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"benchmark " + id + "\"}]}";
    }

    private static double timed(String bearer, String body, String expected) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = post(bearer, body);
        double ms = (System.nanoTime() - start) / 1e6;
        // the settlement (and a miss's store) follows the response: wait for it, untimed, so that the next call and
        // the DynamoDB counts see it
        assertTrue(gateway.context().getBean(Settlements.class).awaitSettled(30_000), "settled");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(expected, r.headers().firstValue("x-tollgate-cache").orElseThrow());
        return ms;
    }

    private static HttpResponse<String> post(String bearer, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                        .header("authorization", "Bearer " + bearer)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
