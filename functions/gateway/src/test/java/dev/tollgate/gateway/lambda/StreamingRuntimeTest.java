package dev.tollgate.gateway.lambda;

import static dev.tollgate.gateway.lambda.StreamingFixture.JSON;
import static dev.tollgate.gateway.lambda.StreamingFixture.event;
import static dev.tollgate.gateway.lambda.StreamingFixture.requestId;
import static dev.tollgate.gateway.lambda.StreamingFixture.streamEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import dev.tollgate.gateway.testing.FakeUpstream;
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
    /** Six SSE events, 250 ms apart: the upstream's last event is sent at least 1.25 s after its first. */
    private static final long EVENT_DELAY_MS = 250;

    private static StreamingFixture fixture;
    private static FakeUpstream upstream;
    private static LoopbackRuntimeApi lambda;
    private static StreamingRuntime runtime;
    /** When set, the handler throws after serving the request (after anything it handed off). */
    private static volatile boolean failAfterHandling;

    @BeforeAll
    static void start() throws Exception {
        fixture = StreamingFixture.streaming(EVENT_DELAY_MS)
                .handler(context -> new ProxyHandler(context) {
                    @Override
                    public APIGatewayProxyResponseEvent handleRequest(
                            APIGatewayProxyRequestEvent input, Context lambda) {
                        APIGatewayProxyResponseEvent response = super.handleRequest(input, lambda);
                        if (failAfterHandling) {
                            throw new IllegalStateException("failed after handing off");
                        }
                        return response;
                    }
                })
                .environment(Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"))
                .start();
        upstream = fixture.upstream;
        lambda = fixture.lambda;
        runtime = fixture.runtime;
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
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
        InMemoryBudgetLedger ledger = fixture.ledger();
        String line = ledger.logItem(requestId(response.body())); // serveNext returns only once the call settled
        assertNotNull(line, "settled with its log line");
        JsonNode logged = JSON.readTree(line);
        assertEquals(499, logged.path("status").asInt(), line);
        assertEquals(0, ledger.openReservations());
        assertTrue(upstream.eventsSent().size() < 12, "the upstream was not read to the end for nothing");
    }

    @Test
    void handlerFailingAfterHandingOffAStream_disposesIt_andTheNextResponseCarriesItsOwnBody() throws Exception {
        InMemoryBudgetLedger ledger = fixture.ledger();
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

        fixture.assertNextInvocationServed("req-after-failure");
    }
}
