package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.testing.FakeUpstream;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streamed call whose response cannot be started (its prelude cannot be encoded, or Lambda's response stream
 * cannot be opened) is still settled, once, before the next invocation is taken; and the runtime goes on serving.
 * The stream was handed off but never relayed: the runtime subscribes and disposes it, which settles the call.
 */
class StreamingRuntimeFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BudgetLimit GLOBAL =
            new BudgetLimit(Scope.GLOBAL, "global", BudgetWindow.MONTH, new BigDecimal("1000"));

    private static FakeUpstream upstream;
    private static LoopbackRuntimeApi lambda;
    private static ProxyHandler handler;
    private static StreamingRuntime runtime;
    /** When set, the handler's response carries a header the prelude cannot encode (a null name). */
    private static volatile boolean unencodablePrelude;
    /** When set, opening an invocation's response stream fails. */
    private static volatile boolean responseStreamFails;
    /** The request id of the handler's last response. */
    private static volatile String lastRequestId;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream()
                .byDefault(FakeUpstream.Reply.sse(
                        FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), 50));
        String config = """
                models:
                  - name: slow-gpt
                    model: gpt-4o-mini
                    api_base: %s
                    max_retries: 0
                settings:
                  budgets:
                    global:
                      - {budget_duration: 1mo, max_budget: 1000}
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
                lastRequestId = response.getHeaders().get("x-tollgate-request-id");
                if (unencodablePrelude) {
                    Map<String, String> headers = new HashMap<>(response.getHeaders());
                    headers.put(null, "no name");
                    response.setHeaders(headers);
                }
                return response;
            }
        };
        lambda = new LoopbackRuntimeApi();
        RuntimeApi api = new RuntimeApi(lambda.address()) {
            @Override
            ResponseStream stream(String requestId) throws IOException {
                if (responseStreamFails) {
                    throw new IOException("connection refused");
                }
                return super.stream(requestId);
            }
        };
        runtime = new StreamingRuntime(api, handler, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        handler.close();
        upstream.close();
    }

    @Test
    void preludeThatCannotBeEncoded_answersWithAnError_settlesTheStreamOnce_andTheNextInvocationIsServed()
            throws Exception {
        unencodablePrelude = true;
        try {
            lambda.invoke("req-bad-prelude", streamEvent());
            runtime.serveNext(); // before the fix, the NullPointerException escaped: the runtime loop ended
        } finally {
            unencodablePrelude = false;
        }

        assertTrue(
                lambda.errors().stream()
                        .anyMatch(e -> e.contains("req-bad-prelude") && e.contains("Runtime.HandlerError")),
                lambda.errors().toString());
        assertSettledOnce(lastRequestId);
        assertNextInvocationServed("req-after-bad-prelude");
    }

    @Test
    void responseStreamThatCannotBeOpened_settlesTheStreamOnce_andTheNextInvocationIsServed() throws Exception {
        responseStreamFails = true;
        try {
            lambda.invoke("req-no-stream", streamEvent());
            runtime.serveNext(); // returns once the call settled; before the fix it never was
        } finally {
            responseStreamFails = false;
        }

        assertSettledOnce(lastRequestId);
        assertNextInvocationServed("req-after-no-stream");
    }

    /** Its log line written, its reservation released, the counter charged what the lines say (nothing held). */
    private static void assertSettledOnce(String requestId) throws Exception {
        InMemoryBudgetLedger ledger =
                (InMemoryBudgetLedger) handler.getApplicationContext().getBean(BudgetLedger.class);
        assertNotNull(requestId, "the handler answered");
        String line = ledger.logItem(requestId);
        assertNotNull(line, "the call was settled with its log line");
        assertEquals(0, ledger.openReservations(), "its reservation was released");
        CounterState global = ledger.read(List.of(GLOBAL), Instant.now()).get(0);
        assertEquals(0, global.committed().compareTo(global.actual()), "nothing held: " + global);
        assertEquals(0, global.inFlight(), "no call in flight: " + global);
    }

    private static void assertNextInvocationServed(String id) throws Exception {
        LoopbackRuntimeApi.Response next = lambda.invoke(id, event("models.json"));
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
        try (var in = StreamingRuntimeFailureTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
