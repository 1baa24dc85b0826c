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
 * and one miss. Prints lines starting with {@code cache-bench}; asserts only the shape (a hit calls no upstream,
 * costs one cache GetItem and no PutItem; a miss one GetItem and one PutItem).
 */
class CacheLatencyTest {
    private static final String MASTER = "sk-cache-bench";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CALLS = 40;
    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory("""
                models:
                  - name: mock-gpt-4o-mini
                    provider: mock
                    base_model: gpt-4o-mini
                    mock: {latency_ms: 300}
                settings:
                  cache: {enabled: true}
                """, MASTER));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void hitVersusMiss_latencyAndDynamoDbUnits() throws Exception {
        long run = System.nanoTime();
        for (int i = 0; i < 5; i++) { // warm-up: JIT, key paths, DynamoDB Local's first writes
            post(body(run + "-warm-" + i));
            post(body(run + "-warm-" + i));
        }
        List<Double> misses = new ArrayList<>();
        List<Double> hits = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            misses.add(timed(body(run + "-" + i), "miss"));
        }
        for (int i = 0; i < CALLS; i++) {
            hits.add(timed(body(run + "-" + i), "hit"));
        }
        DynamoDbRequestMetrics metrics = gateway.context().getBean(DynamoDbRequestMetrics.class);
        metrics.reset();
        timed(body(run + "-units"), "miss");
        Map<String, Long> missRequests = metrics.requests();
        Map<String, Long> missItems = metrics.itemRequests();
        Map<String, Double> missUnits = metrics.itemUnits();
        double missTx = metrics.transactionWriteUnits();
        metrics.reset();
        timed(body(run + "-units"), "hit");
        Map<String, Long> hitRequests = metrics.requests();
        Map<String, Long> hitItems = metrics.itemRequests();
        Map<String, Double> hitUnits = metrics.itemUnits();
        double hitTx = metrics.transactionWriteUnits();

        System.out.printf(
                "cache-bench miss: p50 %.1f ms, p90 %.1f ms; hit: p50 %.1f ms, p90 %.1f ms (%d calls each)%n",
                pct(misses, 50), pct(misses, 90), pct(hits, 50), pct(hits, 90), CALLS);
        System.out.printf(
                "cache-bench miss DynamoDB: %s (%s), item units %s, transaction units %.1f%n",
                missRequests, missItems, missUnits, missTx);
        System.out.printf(
                "cache-bench hit DynamoDB: %s (%s), item units %s, transaction units %.1f%n",
                hitRequests, hitItems, hitUnits, hitTx);
        // by item kind: a refresh of a cached setting (the global budget, active failovers) may fall on either call
        assertEquals(1L, hitItems.get("GetItem CACHE"), hitItems.toString());
        assertTrue(!hitItems.containsKey("PutItem CACHE"), hitItems.toString());
        assertEquals(1L, missItems.get("GetItem CACHE"), missItems.toString());
        assertEquals(1L, missItems.get("PutItem CACHE"), missItems.toString());
        assertTrue(pct(hits, 50) < pct(misses, 50), "a hit skips the 300 ms upstream");
    }

    private static String body(String id) {
        return "{\"model\":\"mock-gpt-4o-mini\",\"temperature\":0,\"max_tokens\":64,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"You are terse.\"},"
                + "{\"role\":\"user\",\"content\":\"benchmark " + id + "\"}]}";
    }

    private static double timed(String body, String expected) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = post(body);
        double ms = (System.nanoTime() - start) / 1e6;
        // the settlement (and a miss's store) follows the response: wait for it, untimed, so that the next call and
        // the DynamoDB counts see it
        assertTrue(gateway.context().getBean(Settlements.class).awaitSettled(30_000), "settled");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(expected, r.headers().firstValue("x-tollgate-cache").orElseThrow());
        return ms;
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                        .header("authorization", "Bearer " + MASTER)
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
