package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.RollupStore;
import dev.tollgate.analytics.testing.Calls;
import dev.tollgate.analytics.testing.EmbeddedPg;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import dev.tollgate.gateway.testing.Gzip;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report function's answers through the streaming runtime it runs under on AWS equal the Netty server's and the
 * buffered Lambda handler's: LiteLLM's team report (inflated, and gzipped from its stored day fragments) and the
 * exports. One database, three runtimes: Netty, the buffered handler, the handler run by {@link StreamingRuntime}
 * behind a loopback Runtime API.
 */
class StreamedReportsTest {
    private static final String MASTER = "sk-master-streamed-reports";
    private static final String RANGE = "start_date=2026-10-01&end_date=2026-10-31";
    private static final String TEAM_REPORT = "/global/spend/report?group_by=team&" + RANGE;

    private static EmbeddedServer netty;
    private static ProxyHandler buffered;
    private static ProxyHandler streamingHandler;
    private static StreamingRuntime runtime;
    private static LoopbackRuntimeApi lambda;
    private static int invocations;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> common = new HashMap<>(EmbeddedPg.datasourceProperties());
        common.put("tollgate.master-key", MASTER);
        Map<String, Object> server = new HashMap<>(common);
        server.put("micronaut.server.port", -1);
        netty = ApplicationContext.builder().properties(server).run(EmbeddedServer.class);
        netty.getApplicationContext().getBean(RollupStore.class).fold("seed", calls());
        buffered = handler(common, ProxyHandler.BUFFERED_INTEGRATION);
        streamingHandler = handler(common, StreamingProxyHandler.STREAMING_RESPONSE);
        lambda = new LoopbackRuntimeApi();
        runtime = new StreamingRuntime(new RuntimeApi(lambda.address()), streamingHandler, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        streamingHandler.close();
        buffered.close();
        netty.close();
    }

    @Test
    void teamReport_inflated_isNettysAnswer_andTheBufferedHandlers() throws Exception {
        HttpResponse<byte[]> fromNetty = netty(TEAM_REPORT, false);

        StreamedResponse streamed = streamed(TEAM_REPORT, false);

        assertEquals(200, fromNetty.statusCode());
        assertEquals(200, streamed.status(), streamed.prelude().toString());
        assertTrue(
                streamed.header("content-type").startsWith("application/json"),
                streamed.prelude().toString());
        assertFalse(streamed.hasHeader("content-encoding"), "not asked for gzip");
        assertTrue(fromNetty.body().length > 10_000, "a report of some size: " + fromNetty.body().length);
        assertArrayEquals(fromNetty.body(), streamed.body());
        assertEquals(new String(fromNetty.body(), StandardCharsets.UTF_8), bufferedBody(TEAM_REPORT));
    }

    @Test
    void teamReport_gzipped_isNettysStoredGzip_byteForByte_andInflatesToTheReport() throws Exception {
        netty(TEAM_REPORT, true); // stores the day fragments both runtimes then send as they are
        HttpResponse<byte[]> fromNetty = netty(TEAM_REPORT, true);
        byte[] inflatedFromNetty = netty(TEAM_REPORT, false).body();

        StreamedResponse streamed = streamed(TEAM_REPORT, true);

        assertEquals("gzip", fromNetty.headers().firstValue("content-encoding").orElse(""));
        assertEquals(200, streamed.status(), streamed.prelude().toString());
        assertEquals(
                "gzip", streamed.header("content-encoding"), streamed.prelude().toString());
        assertArrayEquals(fromNetty.body(), streamed.body());
        assertArrayEquals(inflatedFromNetty, Gzip.inflate(streamed.body()));
        assertTrue(streamed.body().length < inflatedFromNetty.length / 3, "sent compressed");
    }

    @Test
    void exports_areNettysFiles_andTheBufferedHandlers() throws Exception {
        for (String format : List.of("csv", "json", "focus")) {
            String path = "/api/v1/reports/export?format=" + format + "&period=custom&" + RANGE;
            HttpResponse<byte[]> fromNetty = netty(path, false);

            StreamedResponse streamed = streamed(path, false);

            assertEquals(200, fromNetty.statusCode(), format);
            assertEquals(200, streamed.status(), format + ": " + streamed.prelude());
            assertEquals(
                    fromNetty.headers().firstValue("content-disposition").orElse(""),
                    streamed.header("content-disposition"),
                    format);
            assertEquals(fromNetty.headers().firstValue("content-type").orElse(""), streamed.header("content-type"));
            assertTrue(fromNetty.body().length > 10_000, format + ": a file of some size: " + fromNetty.body().length);
            assertArrayEquals(fromNetty.body(), streamed.body(), format);
            assertEquals(new String(fromNetty.body(), StandardCharsets.UTF_8), bufferedBody(path), format);
        }
    }

    /** 20 days of October, three teams, fifteen users (one key each), three calls each a day. */
    @Test
    void exports_gzipped_whenAccepted_inflateToTheSameFile_onNettyAndStreamed() throws Exception {
        for (String format : List.of("csv", "json", "focus")) {
            String path = "/api/v1/reports/export?format=" + format + "&period=custom&" + RANGE;
            byte[] plain = netty(path, false).body();

            HttpResponse<byte[]> fromNetty = netty(path, true);
            StreamedResponse streamed = streamed(path, true);

            assertEquals(
                    "gzip", fromNetty.headers().firstValue("content-encoding").orElse(""), format);
            assertEquals("gzip", streamed.header("content-encoding"), format + ": " + streamed.prelude());
            assertArrayEquals(plain, Gzip.inflate(fromNetty.body()), format);
            assertArrayEquals(plain, Gzip.inflate(streamed.body()), format);
        }
    }

    private static List<SpendLogRecord> calls() {
        List<SpendLogRecord> calls = new ArrayList<>();
        for (int day = 1; day <= 20; day++) {
            for (int user = 0; user < 15; user++) {
                for (int call = 0; call < 3; call++) {
                    Instant at = Instant.parse("2026-10-%02dT%02d:00:00Z".formatted(day, 8 + call));
                    String cost = "0.%03d".formatted(1 + (day * 31 + user * 7 + call) % 997);
                    calls.add(Calls.call(
                            "c-%d-%d-%d".formatted(day, user, call),
                            at,
                            List.of("ml", "web", "data").get(user % 3),
                            "user-" + user,
                            cost));
                }
            }
        }
        return calls;
    }

    private static ProxyHandler handler(Map<String, Object> common, Map<String, Object> runtime) {
        Map<String, Object> properties = new HashMap<>(common);
        properties.putAll(runtime);
        return new ProxyHandler(
                ApplicationContext.builder().properties(properties).start());
    }

    private static HttpResponse<byte[]> netty(String path, boolean gzip) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + netty.getPort() + path))
                .header("authorization", "Bearer " + MASTER);
        if (gzip) {
            request.header("accept-encoding", "gzip");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static StreamedResponse streamed(String path, boolean gzip) throws Exception {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", "Bearer " + MASTER));
        if (gzip) {
            headers.put("Accept-Encoding", "gzip, deflate, br");
        }
        LoopbackRuntimeApi.Response response =
                lambda.invoke("req-" + ++invocations, ApiGatewayEvents.get(path, headers));
        runtime.serveNext();
        return StreamedResponse.of(response.done.get(30, TimeUnit.SECONDS).body());
    }

    private static String bufferedBody(String path) throws Exception {
        APIGatewayProxyRequestEvent event = new ObjectMapper()
                .readValue(
                        ApiGatewayEvents.get(path, Map.of("Authorization", "Bearer " + MASTER)),
                        APIGatewayProxyRequestEvent.class);
        APIGatewayProxyResponseEvent response = buffered.handleRequest(event, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return response.getBody();
    }
}
