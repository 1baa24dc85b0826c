package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import dev.tollgate.gateway.testing.FakeUpstream;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy function driven as Lambda drives it in streaming response mode: a loopback Runtime API hands it API
 * Gateway events and reads back the bytes API Gateway would read (prelude, 8 NUL bytes, body, trailers).
 */
class StreamingRuntimeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Six SSE events, 250 ms apart: the upstream's last event is sent at least 1.25 s after its first. */
    private static final long EVENT_DELAY_MS = 250;

    private static FakeUpstream upstream;
    private static LoopbackRuntimeApi lambda;
    private static ProxyHandler handler;
    private static StreamingRuntime runtime;
    /** When set, the handler throws after serving the request (after anything it handed off). */
    private static volatile boolean failAfterHandling;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream()
                .byDefault(FakeUpstream.Reply.sse(
                        FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), EVENT_DELAY_MS));
        String config = """
                models:
                  - name: slow-gpt
                    model: gpt-4o-mini
                    api_base: %s
                    max_retries: 0
                """.formatted(upstream.baseUrl());
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "tollgate.master-key",
                        "sk-test-master",
                        "tollgate.config-yaml",
                        config,
                        "tollgate.streaming.handoff",
                        true))
                .start();
        handler = new ProxyHandler(context) {
            @Override
            public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent input, Context lambda) {
                APIGatewayProxyResponseEvent response = super.handleRequest(input, lambda);
                if (failAfterHandling) {
                    throw new IllegalStateException("failed after handing off");
                }
                return response;
            }
        };
        lambda = new LoopbackRuntimeApi();
        runtime = new StreamingRuntime(
                new RuntimeApi(lambda.address()), handler, Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        handler.close();
        upstream.close();
    }

    @Test
    void streamedChat_firstChunkLeavesTheFunction_beforeTheUpstreamSendsItsLast() throws Exception {
        LoopbackRuntimeApi.Response response = lambda.invoke("req-stream", streamEvent());

        runtime.serveNext();

        response.done.get(10, TimeUnit.SECONDS);
        List<Instant> sent = upstream.eventsSent();
        Instant lastUpstreamEvent = sent.get(sent.size() - 1);
        // chunk 0 is the prelude; chunk 1 the first SSE event
        Instant firstEventOut = response.chunks.get(1).at();
        assertTrue(
                firstEventOut.isBefore(lastUpstreamEvent),
                "first event left at " + firstEventOut + ", upstream's last was sent at " + lastUpstreamEvent);
        assertTrue(Duration.between(firstEventOut, lastUpstreamEvent).toMillis() >= 3 * EVENT_DELAY_MS);
        assertTrue(response.chunks.size() > 3, "one chunk per event, not one body: " + response.chunks.size());
    }

    @Test
    void streamedChat_speaksLambdasStreamingProtocol_preludeThenNulDelimiterThenSse() throws Exception {
        LoopbackRuntimeApi.Response response = lambda.invoke("req-protocol", streamEvent());

        runtime.serveNext();

        response.done.get(10, TimeUnit.SECONDS);
        assertEquals("streaming", response.headers.get("Lambda-Runtime-Function-Response-Mode"));
        assertEquals("chunked", response.headers.get("Transfer-Encoding"));
        assertEquals("application/vnd.awslambda.http-integration-response", response.headers.get("Content-Type"));
        StreamedResponse parsed = StreamedResponse.of(response.body());
        assertEquals(200, parsed.prelude().path("statusCode").asInt());
        JsonNode headers = parsed.prelude().path("headers");
        assertTrue(headers.path("content-type").asText().startsWith("text/event-stream"), headers.toString());
        assertEquals("slow-gpt", headers.path("x-tollgate-model-used").asText());
        assertFalse(headers.path("x-tollgate-request-id").asText().isEmpty(), headers.toString());
        assertTrue(parsed.text().startsWith("data: {"), parsed.text());
        assertTrue(parsed.text().contains(": x-tollgate-response-cost: "), parsed.text());
        assertTrue(parsed.text().endsWith("data: [DONE]\n\n"), parsed.text());
        assertTrue(response.trailers.isEmpty(), "no error trailers: " + response.trailers);
    }

    @Test
    void refusalBeforeTheFirstByte_keepsItsStatusAndOpenAiErrorBody() throws Exception {
        LoopbackRuntimeApi.Response response = lambda.invoke("req-401", event("chat-completion-no-key.json"));

        runtime.serveNext();

        StreamedResponse parsed =
                StreamedResponse.of(response.done.get(10, TimeUnit.SECONDS).body());
        assertEquals(401, parsed.prelude().path("statusCode").asInt());
        JsonNode error = JSON.readTree(parsed.text()).path("error");
        assertEquals("invalid_request_error", error.path("type").asText(), parsed.text());
    }

    @Test
    void nonStreamedCall_isOnePreludeAndItsJsonBody() throws Exception {
        LoopbackRuntimeApi.Response response = lambda.invoke("req-models", event("models.json"));

        runtime.serveNext();

        StreamedResponse parsed =
                StreamedResponse.of(response.done.get(10, TimeUnit.SECONDS).body());
        assertEquals(200, parsed.prelude().path("statusCode").asInt());
        assertEquals("list", JSON.readTree(parsed.text()).path("object").asText());
    }

    @Test
    void clientGoneMidStream_settlesTheCallAtWhatWasDelivered_beforeTheNextInvocation() throws Exception {
        // prelude and two events, then API Gateway's client goes away
        LoopbackRuntimeApi.Response response = lambda.invoke("req-gone", streamEvent(), 3);

        runtime.serveNext();

        response.done.get(10, TimeUnit.SECONDS);
        String requestId = StreamedResponse.of(response.body())
                .prelude()
                .path("headers")
                .path("x-tollgate-request-id")
                .asText();
        InMemoryBudgetLedger ledger =
                (InMemoryBudgetLedger) handler.getApplicationContext().getBean(BudgetLedger.class);
        String line = ledger.logItem(requestId); // serveNext returns only once the call settled
        assertNotNull(line, "settled with its log line");
        JsonNode logged = JSON.readTree(line);
        assertEquals(499, logged.path("status").asInt(), line);
        assertEquals(0, ledger.openReservations());
        assertTrue(upstream.eventsSent().size() < 12, "the upstream was not read to the end for nothing");
    }

    @Test
    void handlerFailingAfterHandingOffAStream_disposesIt_andTheNextResponseCarriesItsOwnBody() throws Exception {
        InMemoryBudgetLedger ledger =
                (InMemoryBudgetLedger) handler.getApplicationContext().getBean(BudgetLedger.class);
        failAfterHandling = true;
        try {
            lambda.invoke("req-failed", streamEvent());
            runtime.serveNext();
        } finally {
            failAfterHandling = false;
        }
        assertTrue(
                lambda.errors().stream().anyMatch(e -> e.contains("req-failed") && e.contains("Runtime.HandlerError")),
                lambda.errors().toString());
        assertEquals(0, ledger.openReservations(), "the discarded stream's call was settled");

        LoopbackRuntimeApi.Response next = lambda.invoke("req-after-failure", event("models.json"));
        runtime.serveNext();

        StreamedResponse parsed =
                StreamedResponse.of(next.done.get(10, TimeUnit.SECONDS).body());
        assertEquals(200, parsed.prelude().path("statusCode").asInt());
        assertEquals("list", JSON.readTree(parsed.text()).path("object").asText(), parsed.text());
    }

    private static String streamEvent() throws Exception {
        return event("chat-completion-stream.json").replace("mock-gpt-4o-mini", "slow-gpt");
    }

    private static String event(String name) throws Exception {
        try (var in = StreamingRuntimeTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
