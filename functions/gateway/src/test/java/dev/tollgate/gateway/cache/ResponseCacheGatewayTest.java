package dev.tollgate.gateway.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.proxy.Settlements;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.GatewayServer;
import dev.tollgate.gateway.testing.LoggedLines;
import dev.tollgate.gateway.testing.MutableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The response cache through the gateway on DynamoDB Local: hits and misses across scopes, TTL with the
 * mutable clock, no-cache / no-store, a streamed replay, the ledger (a hit is charged 0 and logged with
 * {@code cache_hit} and {@code saved_cost}) and the cache routes.
 */
class ResponseCacheGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String MASTER = "sk-cache-master";
    private static FakeUpstream upstream;
    private static EmbeddedServer server;
    private static DynamoDbClient dynamo;
    private static String table;
    private static MutableClock clock;
    private static String teamKeyA1;
    private static String teamKeyA2;
    private static String teamKeyB;
    private static String loneKey;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream();
        dynamo = DynamoDbLocal.client();
        table = DynamoDbLocal.createTable(dynamo, "cachegw");
        // a day ahead of the wall clock: a call is stamped (start, first token, end) by the gateway's clock
        clock = new MutableClock(Instant.now().plus(Duration.ofDays(1)));
        String config = """
                models:
                  - name: gpt-4o-mini
                    api_base: %s
                    max_retries: 0
                settings:
                  cache: {ttl_seconds: 600}
                """.formatted(upstream.baseUrl());
        server = ApplicationContext.builder()
                .singletons(clock)
                .properties(Map.of(
                        "micronaut.server.port",
                        -1,
                        "tollgate.master-key",
                        MASTER,
                        "tollgate.config-yaml",
                        config,
                        "tollgate.storage.table",
                        table,
                        "tollgate.storage.dynamodb-endpoint",
                        DynamoDbLocal.endpoint(),
                        "tollgate.storage.region",
                        "us-east-1",
                        "tollgate.auth.cache-seconds",
                        0))
                .run(EmbeddedServer.class);
        post("/team/new", "{\"team_id\":\"team-a\",\"cache\":{\"enabled\":true}}", MASTER);
        post("/team/new", "{\"team_id\":\"team-b\",\"cache\":{\"enabled\":true}}", MASTER);
        teamKeyA1 = key("{\"team_id\":\"team-a\"}");
        teamKeyA2 = key("{\"team_id\":\"team-a\"}");
        teamKeyB = key("{\"team_id\":\"team-b\"}");
        loneKey = key("{}");
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
        dynamo.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
    }

    @Test
    void secondIdenticalCall_isAHit_answeredWithoutUpstream_chargedZero_andLogged() throws Exception {
        String body = chat("hit-" + UUID.randomUUID(), false, "");

        HttpResponse<String> miss = post("/v1/chat/completions", body, teamKeyA1);
        HttpResponse<String> hit = post("/v1/chat/completions", body, teamKeyA1);

        assertEquals(200, hit.statusCode(), hit.body());
        assertEquals("miss", header(miss, "x-tollgate-cache"));
        assertEquals("hit", header(hit, "x-tollgate-cache"));
        assertEquals(header(miss, "x-tollgate-cache-key"), header(hit, "x-tollgate-cache-key"));
        assertEquals(1, upstream.requests().size());
        assertEquals(0, new BigDecimal(header(hit, "x-tollgate-response-cost")).signum());
        assertTrue(new BigDecimal(header(miss, "x-tollgate-response-cost")).signum() > 0);
        assertEquals(
                JSON.readTree(miss.body()).at("/choices/0/message/content"),
                JSON.readTree(hit.body()).at("/choices/0/message/content"));
        JsonNode line = logLine(hit);
        assertTrue(line.path("cache_hit").asBoolean());
        assertFalse(line.path("upstream_called").asBoolean());
        assertEquals(0, line.path("cost").decimalValue().signum());
        // what the miss was charged is what the hit saved
        assertEquals(
                new BigDecimal(header(miss, "x-tollgate-response-cost")).stripTrailingZeros(),
                line.path("saved_cost").decimalValue().stripTrailingZeros());
        assertFalse(logLine(miss).path("cache_hit").asBoolean());
        assertTrue(header(hit, "x-tollgate-budget-remaining") == null
                || !header(hit, "x-tollgate-budget-remaining").isEmpty());
    }

    @Test
    void keysOfOneTeam_shareAnswers_otherTeamsAndKeysWithoutOptIn_doNot() {
        String body = chat("scope-" + UUID.randomUUID(), false, "");

        post("/v1/chat/completions", body, teamKeyA1);
        HttpResponse<String> sameTeam = post("/v1/chat/completions", body, teamKeyA2);
        HttpResponse<String> otherTeam = post("/v1/chat/completions", body, teamKeyB);
        HttpResponse<String> notOptedIn = post("/v1/chat/completions", body, loneKey);

        assertEquals("hit", header(sameTeam, "x-tollgate-cache"));
        assertEquals("miss", header(otherTeam, "x-tollgate-cache"));
        assertNotEquals(header(sameTeam, "x-tollgate-cache-key"), header(otherTeam, "x-tollgate-cache-key"));
        assertEquals(null, header(notOptedIn, "x-tollgate-cache"));
        assertEquals(3, upstream.requests().size());
    }

    @Test
    void entry_expiresAfterItsTtl_onTheGatewaysClock() {
        String body = chat("ttl-" + UUID.randomUUID(), false, ",\"cache\":{\"ttl\":60}");

        post("/v1/chat/completions", body, teamKeyA1);
        clock.advance(Duration.ofSeconds(59));
        HttpResponse<String> fresh = post("/v1/chat/completions", body, teamKeyA1);
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> expired = post("/v1/chat/completions", body, teamKeyA1);

        assertEquals("hit", header(fresh, "x-tollgate-cache"));
        assertEquals("miss", header(expired, "x-tollgate-cache"));
        assertEquals(2, upstream.requests().size());
    }

    @Test
    void sMaxAge_refusesAnswersOlderThanAsked() {
        String prompt = "age-" + UUID.randomUUID();
        post("/v1/chat/completions", chat(prompt, false, ""), teamKeyA1);
        clock.advance(Duration.ofSeconds(30));

        HttpResponse<String> young =
                post("/v1/chat/completions", chat(prompt, false, ",\"cache\":{\"s-maxage\":60}"), teamKeyA1);
        HttpResponse<String> tooOld =
                post("/v1/chat/completions", chat(prompt, false, ",\"cache\":{\"s-maxage\":10}"), teamKeyA1);

        assertEquals("hit", header(young, "x-tollgate-cache"));
        assertEquals("miss", header(tooOld, "x-tollgate-cache"));
    }

    @Test
    void noCache_skipsTheLookupButStores_noStore_answersButLeavesNothing() {
        String prompt = "control-" + UUID.randomUUID();

        HttpResponse<String> noStore =
                post("/v1/chat/completions", chat(prompt, false, ",\"cache\":{\"no-store\":true}"), teamKeyA1);
        HttpResponse<String> afterNoStore =
                post("/v1/chat/completions", chat(prompt, false, ",\"cache\":{\"no-cache\":true}"), teamKeyA1);
        HttpResponse<String> afterNoCache = post("/v1/chat/completions", chat(prompt, false, ""), teamKeyA1);

        assertEquals("miss", header(noStore, "x-tollgate-cache"));
        assertEquals("miss", header(afterNoStore, "x-tollgate-cache"));
        assertEquals("hit", header(afterNoCache, "x-tollgate-cache"));
        assertEquals(2, upstream.requests().size());
        // the cache field never reaches the provider
        assertFalse(upstream.requests().get(0).body().contains("\"cache\""));
    }

    @Test
    void nonDeterministicRequest_isNeverCached() {
        String body = "{\"model\":\"gpt-4o-mini\",\"temperature\":0.7,\"messages\":[{\"role\":\"user\",\"content\":\"r-"
                + UUID.randomUUID() + "\"}]}";

        HttpResponse<String> first = post("/v1/chat/completions", body, teamKeyA1);
        post("/v1/chat/completions", body, teamKeyA1);

        assertEquals(null, header(first, "x-tollgate-cache"));
        assertEquals(2, upstream.requests().size());
    }

    @Test
    void streamingRequest_afterACompleteMiss_isReplayedAsChunks() throws Exception {
        String prompt = "stream-" + UUID.randomUUID();
        post("/v1/chat/completions", chat(prompt, false, ""), teamKeyA1);

        HttpResponse<String> replay = post(
                "/v1/chat/completions", chat(prompt, true, ",\"stream_options\":{\"include_usage\":true}"), teamKeyA1);

        assertEquals(200, replay.statusCode());
        assertEquals("hit", header(replay, "x-tollgate-cache"));
        assertEquals(1, upstream.requests().size());
        List<JsonNode> chunks = GatewayServer.chunks(replay.body());
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertEquals("Hello! How can I assist you today?", text.toString());
        assertEquals(
                1500, chunks.get(chunks.size() - 1).at("/usage/total_tokens").asInt());
        assertTrue(replay.body().contains(": x-tollgate-response-cost: 0"), replay.body());
        JsonNode line = logLine(replay);
        assertTrue(line.path("cache_hit").asBoolean());
        assertTrue(line.path("stream").asBoolean());
        assertTrue(line.path("saved_cost").decimalValue().signum() > 0);
    }

    @Test
    void streamedMiss_isStored_andAnswersALaterCompleteCall() throws Exception {
        String prompt = "streamed-miss-" + UUID.randomUUID();
        upstream.enqueue(
                FakeUpstream.Reply.sse(FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), 0));

        HttpResponse<String> streamed = post("/v1/chat/completions", chat(prompt, true, ""), teamKeyA1);
        HttpResponse<String> complete = post("/v1/chat/completions", chat(prompt, false, ""), teamKeyA1);

        assertEquals("miss", header(streamed, "x-tollgate-cache"));
        assertEquals("hit", header(complete, "x-tollgate-cache"), complete.body());
        StringBuilder text = new StringBuilder();
        GatewayServer.chunks(streamed.body())
                .forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertEquals(
                text.toString(),
                JSON.readTree(complete.body()).at("/choices/0/message/content").asText());
        assertEquals(1, upstream.requests().size());
    }

    @Test
    void cacheDelete_forgetsTheKey_ping_andHealth_reportTheCache() throws Exception {
        String body = chat("delete-" + UUID.randomUUID(), false, "");
        String cacheKey = header(post("/v1/chat/completions", body, teamKeyA1), "x-tollgate-cache-key");

        HttpResponse<String> byVirtualKey = post("/cache/delete", "{\"keys\":[\"" + cacheKey + "\"]}", teamKeyA1);
        HttpResponse<String> deleted = post("/cache/delete", "{\"keys\":[\"" + cacheKey + "\"]}", MASTER);
        HttpResponse<String> after = post("/v1/chat/completions", body, teamKeyA1);
        HttpResponse<String> ping = get("/cache/ping", teamKeyA1);
        JsonNode health = JSON.readTree(get("/health", null).body());

        assertEquals(403, byVirtualKey.statusCode());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertEquals("miss", header(after, "x-tollgate-cache"));
        assertEquals(200, ping.statusCode(), ping.body());
        assertEquals("healthy", JSON.readTree(ping.body()).path("status").asText());
        assertTrue(health.path("cache").path("hits").asLong() >= 0);
        assertTrue(health.path("cache").has("hit_rate"));
    }

    // --- helpers

    private static String chat(String prompt, boolean stream, String extra) {
        return "{\"model\":\"gpt-4o-mini\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}],\"stream\":" + stream + extra + "}";
    }

    private static String key(String body) throws Exception {
        HttpResponse<String> created = post("/key/generate", body, MASTER);
        assertEquals(200, created.statusCode(), created.body());
        return JSON.readTree(created.body()).path("key").asText();
    }

    /** The spend-log line of a response's call ({@link LoggedLines#await}: a stream's may land just after it). */
    static JsonNode logLine(HttpResponse<String> response) throws Exception {
        return JSON.readTree(LoggedLines.await(dynamo, table, header(response, "x-tollgate-request-id")));
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /**
     * POSTs and waits until the gateway has settled what it answered: a miss's answer is stored after the response,
     * with the settlement, so the next call (and the test's clock) must come after it.
     */
    static HttpResponse<String> post(String path, String body, String key) {
        HttpResponse<String> response = send(request(path, key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        try {
            assertTrue(server.getApplicationContext().getBean(Settlements.class).awaitSettled(30_000), "settled");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return response;
    }

    private static HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    private static HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        return key == null ? b : b.header("authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
