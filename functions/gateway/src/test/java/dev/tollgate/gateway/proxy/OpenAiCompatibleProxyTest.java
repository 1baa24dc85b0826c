package dev.tollgate.gateway.proxy;

import static dev.tollgate.gateway.testing.GatewayServer.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.FakeUpstream.Reply;
import dev.tollgate.gateway.testing.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy on Netty in front of a loopback OpenAI-compatible upstream that replays recorded shapes. */
class OpenAiCompatibleProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = GatewayServer.MASTER_KEY;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static FakeUpstream upstream;
    private static GatewayServer server;

    @BeforeAll
    static void start() {
        upstream = new FakeUpstream();
        String config = """
                models:
                  - name: fast
                    provider: openai
                    model: gpt-4o-mini
                    api_base: %1$s
                    api_key: sk-upstream-secret
                    max_retries: 1
                    timeout_seconds: 1
                  - name: text-embedding-3-small
                    api_base: %1$s
                  - name: in-house
                    model: llama-3-70b-house
                    api_base: %1$s
                  - name: in-house-free
                    model: llama-3-70b-house
                    api_base: %1$s
                    pricing: {free: true}
                  - name: nowhere
                    model: gpt-4o-mini
                    api_base: http://127.0.0.1:9/v1
                    max_retries: 1
                settings:
                  max_request_bytes: 4096
                  retry_base_delay_ms: 5
                """.formatted(upstream.baseUrl());
        server = GatewayServer.start(config);
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
    }

    @BeforeEach
    void reset() {
        upstream.reset();
        upstream.byDefault(Reply.json(200, FakeUpstream.resource("/upstream/openai/chat-completion.json")));
    }

    @Test
    void chat_passesUnknownFieldsBothWays_andRewritesTheModelAlias() throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x_vendor_flag\":{\"a\":1}}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode sent = JSON.readTree(upstream.requests().get(0).body());
        assertEquals("gpt-4o-mini", sent.path("model").asText());
        assertEquals(1, sent.path("x_vendor_flag").path("a").asInt());
        assertEquals("Bearer sk-upstream-secret", upstream.requests().get(0).header("authorization"));
        assertTrue(JSON.readTree(response.body())
                .path("x_upstream_extension")
                .path("kept")
                .asBoolean());
    }

    @Test
    void chat_costHeader_matchesHandComputationWithCachedTokens() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", false, null));

        // gpt-4o-mini: input $0.15/M, cached read $0.075/M, output $0.60/M.
        // (1200 - 1024) × 0.00000015 = 0.0000264; 1024 × 0.000000075 = 0.0000768; 300 × 0.0000006 = 0.00018
        // total = 0.0002832
        assertEquals(
                "0.0002832",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
        assertEquals(
                "0.0002832",
                response.headers().firstValue("x-litellm-response-cost").orElseThrow());
        assertNotNull(response.headers().firstValue("x-tollgate-request-id").orElse(null));
        assertTrue(Double.parseDouble(
                        response.headers().firstValue("x-tollgate-overhead-ms").orElseThrow())
                >= 0);
    }

    @Test
    void stream_withoutIncludeUsage_asksUpstreamForUsageButHidesItFromClient() throws Exception {
        upstream.enqueue(Reply.sse(FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), 0));

        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", true, null));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(JSON.readTree(upstream.requests().get(0).body())
                .path("stream_options")
                .path("include_usage")
                .asBoolean());
        String body = response.body();
        assertFalse(body.contains("\"prompt_tokens\""), body);
        assertTrue(body.contains("\"content\":\"Hello\""), body);
        // 1000 × 0.00000015 + 200 × 0.0000006 = 0.00015 + 0.00012 = 0.00027
        assertTrue(body.endsWith(": x-tollgate-response-cost: 0.00027\ndata: [DONE]\n\n"), body);
    }

    @Test
    void stream_withIncludeUsage_relaysTheUsageChunk() throws Exception {
        upstream.enqueue(Reply.sse(FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), 0));

        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", true, true));

        assertTrue(response.body().contains("\"prompt_tokens\":1000"), response.body());
    }

    @Test
    void stream_whenUpstreamSendsNoUsage_isPricedFromTheTokenizer() throws Exception {
        String withoutUsage = java.util.Arrays.stream(
                        FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse")
                                .split("\n\n"))
                .filter(event -> !event.contains("\"prompt_tokens\""))
                .collect(java.util.stream.Collectors.joining("\n\n"));
        upstream.enqueue(Reply.sse(withoutUsage, 0));

        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", true, true));

        String body = response.body();
        String cost = body.substring(body.indexOf("x-tollgate-response-cost: ") + 26, body.indexOf("\ndata: [DONE]"));
        // counted, not reported: prompt "hi" = 3 + 1 + 1 + 3 = 8 tokens, reply "Hello there!" = 3 tokens (o200k):
        // 8 × 0.00000015 + 3 × 0.0000006 = 0.0000012 + 0.0000018 = 0.000003
        assertEquals("0.000003", cost, body);
    }

    @Test
    void upstream500ThenOk_isRetriedAndSucceeds() throws Exception {
        upstream.enqueue(Reply.json(500, FakeUpstream.resource("/upstream/openai/error-500.json")));

        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", false, null));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, upstream.requests().size());
    }

    @Test
    void upstream500AfterRetries_is502NamingTheUpstreamError() throws Exception {
        upstream.byDefault(Reply.json(500, FakeUpstream.resource("/upstream/openai/error-500.json")));

        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", false, null));

        assertEquals(502, response.statusCode());
        assertEquals(2, upstream.requests().size(), "one try plus max_retries: 1");
        assertTrue(error(response).path("message").asText().contains("The server had an error"));
    }

    @Test
    void upstream4xx_isPassedThroughWithItsMessageAndCode() throws Exception {
        upstream.enqueue(Reply.json(400, FakeUpstream.resource("/upstream/openai/error-400-context.json")));

        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", false, null));

        assertEquals(400, response.statusCode());
        assertEquals("context_length_exceeded", error(response).path("code").asText());
        assertEquals("messages", error(response).path("param").asText());
        assertEquals(1, upstream.requests().size(), "a 400 is not retried");
    }

    @Test
    void upstreamSlowerThanModelTimeout_is504() throws Exception {
        upstream.enqueue(Reply.hang(2500));

        HttpResponse<String> response = post("/v1/chat/completions", chat("fast", false, null));

        assertEquals(504, response.statusCode());
        assertEquals("timeout_error", error(response).path("type").asText());
    }

    @Test
    void upstreamUnreachable_is502AfterRetries() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", chat("nowhere", false, null));

        assertEquals(502, response.statusCode());
        assertTrue(error(response).path("message").asText().contains("after 2 attempt(s)"), response.body());
    }

    @Test
    void bodyOverConfiguredLimit_is413() throws Exception {
        String big = "x".repeat(5000);

        HttpResponse<String> response =
                post("/v1/chat/completions", chat("fast", false, null).replace("\"hi\"", "\"" + big + "\""));

        assertEquals(413, response.statusCode());
        assertEquals("request_too_large", error(response).path("code").asText());
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void bodyNestedPastTheParserDepthLimit_is400NotA500() throws Exception {
        // GIVEN a body nested 1,500 levels deep (Jackson stops at 1,000, with no location to report)
        String nested = "[".repeat(1_500) + "]".repeat(1_500);

        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x\":" + nested + "}");

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("invalid_request_error", error(response).path("type").asText());
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void missingMessages_is400NamingTheField() throws Exception {
        HttpResponse<String> response = post("/v1/chat/completions", "{\"model\":\"fast\"}");

        assertEquals(400, response.statusCode());
        assertEquals("messages", error(response).path("param").asText());
    }

    @Test
    void wrongTypeForStream_is400NamingTheField() throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}");

        assertEquals(400, response.statusCode());
        assertEquals("stream", error(response).path("param").asText());
    }

    @Test
    void badRole_is400NamingTheMessage() throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"robot\",\"content\":\"x\"}]}");

        assertEquals(400, response.statusCode());
        assertEquals("messages[1].role", error(response).path("param").asText());
    }

    @Test
    void xApiKeyAndApiKeyHeaders_areAccepted() throws Exception {
        for (String header : new String[] {"x-api-key", "api-key"}) {
            HttpResponse<String> response = CLIENT.send(
                    HttpRequest.newBuilder(uri("/v1/models"))
                            .header(header, KEY)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), header);
        }
    }

    @Test
    void wrongKey_is401AndNeverReachesUpstream() throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(uri("/v1/chat/completions"))
                        .header("authorization", "Bearer sk-wrong-key-123")
                        .POST(HttpRequest.BodyPublishers.ofString(chat("fast", false, null)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(401, response.statusCode());
        assertFalse(response.body().contains("sk-wrong-key-123"), "the key is never echoed whole");
        assertTrue(upstream.requests().isEmpty());
    }

    @Test
    void unpricedModel_isRefusedWithHowToPriceIt_freeModelCostsZero() throws Exception {
        HttpResponse<String> refused = post("/v1/chat/completions", chat("in-house", false, null));
        HttpResponse<String> free = post("/v1/chat/completions", chat("in-house-free", false, null));

        assertEquals(400, refused.statusCode());
        assertEquals("model_not_priced", error(refused).path("code").asText());
        assertTrue(error(refused).path("message").asText().contains("free: true"));
        assertEquals(200, free.statusCode());
        assertEquals("0", free.headers().firstValue("x-tollgate-response-cost").orElseThrow());
        assertEquals(1, upstream.requests().size(), "the unpriced call never went upstream");
    }

    @Test
    void embeddings_areProxiedAndPriced() throws Exception {
        upstream.enqueue(Reply.json(200, FakeUpstream.resource("/upstream/openai/embeddings.json")));

        HttpResponse<String> response =
                post("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hello world\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("/v1/embeddings", upstream.requests().get(0).path());
        // text-embedding-3-small: $0.02/M; 8 × 0.00000002 = 0.00000016
        assertEquals(
                "0.00000016",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void modelById_includingSlashes_andUnknownIs404() throws Exception {
        HttpResponse<String> known = CLIENT.send(
                HttpRequest.newBuilder(uri("/v1/models/fast"))
                        .header("authorization", "Bearer " + KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = CLIENT.send(
                HttpRequest.newBuilder(uri("/v1/models/openai/fast"))
                        .header("authorization", "Bearer " + KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals("fast", JSON.readTree(known.body()).path("id").asText());
        assertEquals(404, unknown.statusCode());
        assertEquals("model", error(unknown).path("param").asText());
        assertTrue(error(unknown).path("message").asText().contains("fast"), unknown.body());
    }

    private static String chat(String model, boolean stream, Boolean includeUsage) {
        String options = includeUsage == null ? "" : ",\"stream_options\":{\"include_usage\":" + includeUsage + "}";
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":" + stream
                + options + "}";
    }

    private static HttpResponse<String> post(String path, String body) {
        return server.post(path, body);
    }

    private static URI uri(String path) {
        return server.uri(path);
    }
}
