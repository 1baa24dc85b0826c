package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.Gzip;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Writable} bodies (the report exports, the team report stored gzipped) under the streaming runtime, through a
 * loopback Runtime API: they reach Lambda as the bytes written, after the prelude, in chunks as they are written —
 * never as text, which would corrupt what is not UTF-8 and hold a large answer whole.
 */
class StreamingWritableTest {
    private static final String MASTER = "sk-test-master";
    /** Over Lambda's 6 MB buffered response limit. */
    private static final int SEVEN_MB = 7 * 1024 * 1024;

    private static LoopbackRuntimeApi lambda;
    private static ProxyHandler handler;
    private static StreamingRuntime runtime;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> properties = new HashMap<>(StreamingProxyHandler.STREAMING_RESPONSE);
        properties.put("tollgate.master-key", MASTER);
        properties.put("tollgate.test.writable-bodies", true);
        handler = new ProxyHandler(
                ApplicationContext.builder().properties(properties).start());
        lambda = new LoopbackRuntimeApi();
        runtime = new StreamingRuntime(new RuntimeApi(lambda.address()), handler, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        handler.close();
    }

    @Test
    void writableOverSixMegabytes_arrivesByteExactAfterThePrelude() throws Exception {
        StreamedResponse response = serve("req-7mb", "/test/writable/bytes?size=" + SEVEN_MB);

        assertEquals(200, response.status(), response.prelude().toString());
        assertEquals(WritableBodiesController.CSV_UTF8, response.header("content-type"));
        assertFalse(response.hasHeader("content-length"), "the length is unknown before the body is written");
        byte[] expected = WritableBodiesController.randomBytes(SEVEN_MB);
        assertEquals(expected.length, response.body().length);
        assertArrayEquals(expected, response.body(), "the bytes written, not a text round trip of them");
    }

    @Test
    void writableOverSixMegabytes_leavesInChunks_notAsOneBody() throws Exception {
        LoopbackRuntimeApi.Response raw =
                lambda.invoke("req-chunks", ApiGatewayEvents.get("/test/writable/bytes?size=" + SEVEN_MB, auth()));

        runtime.serveNext();

        raw.done.get(30, TimeUnit.SECONDS);
        // chunk 0 is the prelude; the body follows in chunks of at most BODY_CHUNK_BYTES
        int bodyChunks = raw.chunks.size() - 1;
        assertTrue(bodyChunks >= SEVEN_MB / StreamingRuntime.BODY_CHUNK_BYTES, "chunks: " + bodyChunks);
        assertTrue(raw.chunks.stream().skip(1).allMatch(c -> c.bytes().length <= StreamingRuntime.BODY_CHUNK_BYTES));
        assertTrue(raw.trailers.isEmpty(), "no error trailers: " + raw.trailers);
    }

    @Test
    void gzipBody_arrivesByteExact_andInflatesToTheJson() throws Exception {
        StreamedResponse response = serve("req-gzip", "/test/writable/gzip");

        assertEquals(200, response.status(), response.prelude().toString());
        assertEquals("gzip", response.header("content-encoding"));
        assertTrue(
                response.header("content-type").startsWith("application/json"),
                response.prelude().toString());
        assertArrayEquals(WritableBodiesController.gzipped(), response.body());
        String json = new String(Gzip.inflate(response.body()), StandardCharsets.UTF_8);
        assertEquals(WritableBodiesController.json(), json);
        assertEquals(20_000, new ObjectMapper().readTree(json).size());
    }

    @Test
    void writableFailingAfterItsFirstBytes_endsWithLambdasErrorTrailers() throws Exception {
        LoopbackRuntimeApi.Response raw =
                lambda.invoke("req-failing", ApiGatewayEvents.get("/test/writable/failing", auth()));

        runtime.serveNext();

        raw.done.get(10, TimeUnit.SECONDS);
        StreamedResponse response = StreamedResponse.of(raw.body());
        assertEquals(200, response.status(), "the prelude had gone out");
        assertEquals("day,team,spend\n2026-10-05,ml,0.25\n", response.text());
        assertEquals("Runtime.StreamError", raw.trailers.get(RuntimeApi.ERROR_TYPE), raw.trailers.toString());
        String error =
                new String(Base64.getDecoder().decode(raw.trailers.get(RuntimeApi.ERROR_BODY)), StandardCharsets.UTF_8);
        assertTrue(error.contains("the database went away mid-export"), error);
    }

    @Test
    void theResponseAfterAWritable_carriesItsOwnBody() throws Exception {
        serve("req-before", "/test/writable/gzip");

        StreamedResponse health = serve("req-after", "/health");

        assertEquals(200, health.status());
        assertFalse(health.hasHeader("content-encoding"), health.prelude().toString());
        assertTrue(health.text().startsWith("{"), health.text());
    }

    private static StreamedResponse serve(String requestId, String path) throws Exception {
        LoopbackRuntimeApi.Response response = lambda.invoke(requestId, ApiGatewayEvents.get(path, auth()));
        runtime.serveNext();
        return StreamedResponse.of(response.done.get(30, TimeUnit.SECONDS).body());
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + MASTER);
    }
}
