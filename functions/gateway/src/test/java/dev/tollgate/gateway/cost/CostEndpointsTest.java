package dev.tollgate.gateway.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.testing.FakeUpstream;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost endpoints and the ways a user changes prices (config override, newer price map), end to end over HTTP. */
class CostEndpointsTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String KEY = "sk-test-master";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static FakeUpstream upstream;
    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        upstream = new FakeUpstream();
        server = start("""
                models:
                  - name: fast
                    model: gpt-4o-mini
                    api_base: %1$s
                  - name: claude
                    model: claude-sonnet-4-5
                    api_base: %1$s
                  - name: discounted
                    model: gpt-4o-mini
                    api_base: %1$s
                    pricing: {input_cost_per_token: 0.000001, output_cost_per_token: "0.000002"}
                  - name: unpriced-house-model
                    api_base: %1$s
                """.formatted(upstream.baseUrl()));
    }

    private static EmbeddedServer start(String config) {
        return ApplicationContext.run(
                EmbeddedServer.class,
                Map.of("micronaut.server.port", -1, "tollgate.master-key", KEY, "tollgate.config-yaml", config));
    }

    @AfterAll
    static void stop() {
        server.close();
        upstream.close();
    }

    @Test
    void calculate_openAiUsage_matchesHandComputation() throws Exception {
        JsonNode answer = post(server, "/spend/calculate", """
                {"model":"fast","usage":{"prompt_tokens":1200,"completion_tokens":300,
                 "prompt_tokens_details":{"cached_tokens":1024}}}""");

        // 176 × $0.15/M = 0.0000264; 1024 × $0.075/M = 0.0000768; 300 × $0.60/M = 0.00018
        assertEquals(
                new BigDecimal("0.0000264"),
                answer.path("cost").path("input_cost_usd").decimalValue());
        assertEquals(
                new BigDecimal("0.0000768"),
                answer.path("cost").path("cache_read_cost_usd").decimalValue());
        assertEquals(new BigDecimal("0.0002832"), answer.path("cost_usd").decimalValue());
    }

    @Test
    void calculate_andPredict_priceAnyCatalogueModel_notOnlyConfiguredOnes() throws Exception {
        // gpt-4.1 is not configured here; like LiteLLM, the catalogue prices it:
        // 1000 × $2/M = 0.002; 500 × $8/M = 0.004; total 0.006
        JsonNode answer = post(
                server,
                "/spend/calculate",
                "{\"model\":\"gpt-4.1\",\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500}}");
        JsonNode predicted = post(
                server,
                "/predict",
                "{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"max_tokens\":100}");

        assertEquals("gpt-4.1", answer.path("priced_as").asText());
        assertEquals(new BigDecimal("0.006"), answer.path("cost_usd").decimalValue());
        assertTrue(predicted.path("max_cost_usd").decimalValue().signum() > 0, predicted.toString());
    }

    @Test
    void calculate_anthropicUsage_countsCacheReadsAndWrites() throws Exception {
        JsonNode answer = post(server, "/spend/calculate", """
                {"model":"claude","usage":{"input_tokens":1000,"cache_read_input_tokens":2000,
                 "cache_creation_input_tokens":500,"output_tokens":300}}""");

        // claude-sonnet-4-5: 1000 × $3/M = 0.003; 2000 × $0.30/M = 0.0006; 500 × $3.75/M = 0.001875;
        // 300 × $15/M = 0.0045; total 0.009975 (prompt 3,500 tokens: below the 200k tier)
        assertEquals(new BigDecimal("0.009975"), answer.path("cost_usd").decimalValue());
        assertEquals(3500, answer.path("usage").path("prompt_tokens").asInt());
    }

    @Test
    void calculate_fromMessagesAndCompletion_isMarkedEstimated() throws Exception {
        JsonNode answer = post(
                server,
                "/spend/calculate",
                "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"completion\":\"Hi there\"}");

        assertTrue(answer.path("usage").path("estimated").asBoolean());
        assertTrue(answer.path("cost_usd").decimalValue().signum() > 0);
    }

    @Test
    void predict_worstCaseIsInputPlusMaxTokensAtOutputRate() throws Exception {
        JsonNode answer = post(
                server,
                "/predict",
                "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"max_tokens\":100}");

        int input = answer.path("input_tokens").asInt();
        // OpenAI's counting: 3 per message + "user" (1) + "Hello" (1) + 3 to prime the reply = 8
        assertEquals(8, input);
        assertEquals(100, answer.path("max_output_tokens").asInt());
        // 8 × $0.15/M + 100 × $0.60/M = 0.0000012 + 0.00006 = 0.0000612
        assertEquals(new BigDecimal("0.0000612"), answer.path("max_cost_usd").decimalValue());
    }

    @Test
    void pricing_listsPerMillionPricesAndTheirSource() throws Exception {
        JsonNode data = get(server, "/pricing").path("data");

        JsonNode fast = find(data, "fast");
        assertEquals(
                new BigDecimal("0.15"),
                fast.path("usd_per_million_tokens").path("input").decimalValue());
        assertEquals(
                new BigDecimal("0.6"),
                fast.path("usd_per_million_tokens").path("output").decimalValue());
        assertEquals("bundled", fast.path("source").asText());
        assertEquals("override", find(data, "discounted").path("source").asText());
        assertEquals(
                "unpriced", find(data, "unpriced-house-model").path("source").asText());
    }

    @Test
    void modelInfo_hasLiteLlmShape() throws Exception {
        JsonNode claude = get(server, "/model/info").path("data").get(1);

        assertEquals("claude", claude.path("model_name").asText());
        assertEquals(
                "claude-sonnet-4-5", claude.path("litellm_params").path("model").asText());
        assertEquals(
                new BigDecimal("0.000003"),
                claude.path("model_info").path("input_cost_per_token").decimalValue());
    }

    @Test
    void configOverride_changesTheCallsCost() throws Exception {
        HttpResponse<String> response = chat(server, "discounted");

        // the recorded upstream reply: 1200 prompt (1024 cached), 300 completion; override: $1/M in, $2/M out,
        // the cache-read rate stays the catalogue's $0.075/M:
        // 176 × 0.000001 + 1024 × 0.000000075 + 300 × 0.000002 = 0.000176 + 0.0000768 + 0.0006 = 0.0008528
        assertEquals(
                "0.0008528",
                response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
    }

    @Test
    void newerPriceMap_replacesTheBundledOneOnRestart(@TempDir Path dir) throws Exception {
        Path map = dir.resolve("prices.json");
        Files.writeString(map, """
                {"gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat",
                  "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06}}""");
        try (EmbeddedServer restarted = start("""
                models:
                  - name: fast
                    model: gpt-4o-mini
                    api_base: %s
                settings:
                  prices_file: %s
                """.formatted(upstream.baseUrl(), map))) {
            HttpResponse<String> response = chat(restarted, "fast");

            // no cache-read rate in the new map → cached tokens at the input rate:
            // 1200 × 0.000001 + 300 × 0.000004 = 0.0012 + 0.0012 = 0.0024
            assertEquals(
                    "0.0024",
                    response.headers().firstValue("x-tollgate-response-cost").orElseThrow());
        }
    }

    @Test
    void newerPriceMapInS3_isReadAtStartUp() throws Exception {
        try (dev.tollgate.gateway.spendlog.S3ProxyFixture s3 = new dev.tollgate.gateway.spendlog.S3ProxyFixture()) {
            s3.s3.putObject(
                    b -> b.bucket(dev.tollgate.gateway.spendlog.S3ProxyFixture.BUCKET)
                            .key("prices/map.json"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString(
                            "{\"gpt-4o-mini\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\","
                                    + " \"input_cost_per_token\": 2e-06, \"output_cost_per_token\": 4e-06}}"));
            try (EmbeddedServer restarted = ApplicationContext.run(
                    EmbeddedServer.class,
                    Map.of(
                            "micronaut.server.port",
                            -1,
                            "tollgate.master-key",
                            KEY,
                            "tollgate.config-yaml",
                            "models:\n  - name: fast\n    model: gpt-4o-mini\n    api_base: " + upstream.baseUrl()
                                    + "\n",
                            "tollgate.storage.bucket",
                            dev.tollgate.gateway.spendlog.S3ProxyFixture.BUCKET,
                            "tollgate.storage.s3-endpoint",
                            s3.endpoint(),
                            "tollgate.storage.region",
                            "us-east-1",
                            "tollgate.prices-file",
                            "s3://" + dev.tollgate.gateway.spendlog.S3ProxyFixture.BUCKET + "/prices/map.json"))) {
                HttpResponse<String> response = chat(restarted, "fast");

                // 1200 × 0.000002 + 300 × 0.000004 = 0.0024 + 0.0012 = 0.0036
                assertEquals(
                        "0.0036",
                        response.headers()
                                .firstValue("x-tollgate-response-cost")
                                .orElseThrow());
            }
        }
    }

    @Test
    void upstreamWithoutUsage_isCountedWithTheTokenizerAndFlaggedEstimated() throws Exception {
        upstream.enqueue(FakeUpstream.Reply.json(200, """
                {"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hello there"},"finish_reason":"stop"}]}"""));

        HttpResponse<String> response = chat(server, "fast");

        assertEquals(
                "true",
                response.headers().firstValue("x-tollgate-usage-estimated").orElseThrow());
        assertTrue(new BigDecimal(response.headers()
                                .firstValue("x-tollgate-response-cost")
                                .orElseThrow())
                        .signum()
                > 0);
    }

    private static JsonNode find(JsonNode data, String model) {
        for (JsonNode entry : data) {
            if (model.equals(entry.path("model").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no " + model + " in " + data);
    }

    private static HttpResponse<String> chat(EmbeddedServer target, String model) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.getPort() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode post(EmbeddedServer target, String path, String body) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.getPort() + path))
                        .header("authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode get(EmbeddedServer target, String path) throws Exception {
        HttpResponse<String> response = CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.getPort() + path))
                        .header("authorization", "Bearer " + KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }
}
