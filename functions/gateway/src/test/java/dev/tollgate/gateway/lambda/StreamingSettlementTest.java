package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import dev.tollgate.gateway.budget.ReservationSweeper;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.proxy.CallDelivery;
import dev.tollgate.gateway.testing.FakeUpstream;
import io.micronaut.context.ApplicationContext;
import java.math.BigDecimal;
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
 * Settling after the last byte loses nothing: a call on the streaming runtime, streamed or not, is settled once its
 * response is closed; a function that dies after responding (its settlement never runs) leaves a reservation
 * the sweeper releases at the call's deadline, and the ledger still agrees with the spend log.
 */
class StreamingSettlementTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final BudgetLimit GLOBAL =
            new BudgetLimit(Scope.GLOBAL, "global", BudgetWindow.MONTH, new BigDecimal("1000"));

    private static final String STREAM = "/events/chat-completion-stream.json";
    private static final String COMPLETE = "/events/chat-completion.json";

    private static FakeUpstream upstream;
    private static LoopbackRuntimeApi lambda;
    private static ProxyHandler handler;
    private static StreamingRuntime runtime;
    private static AheadClock clock;

    @BeforeAll
    static void start() throws Exception {
        upstream = new FakeUpstream()
                .byDefault(FakeUpstream.Reply.sse(
                        FakeUpstream.resource("/upstream/openai/chat-completion-stream.sse"), 20));
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
        clock = new AheadClock();
        ApplicationContext context = ApplicationContext.builder()
                .properties(Map.of(
                        "tollgate.master-key",
                        "sk-test-master",
                        "tollgate.config-yaml",
                        config,
                        "tollgate.streaming.handoff",
                        true))
                .singletons(clock)
                .start();
        handler = new ProxyHandler(context);
        lambda = new LoopbackRuntimeApi();
        runtime = new StreamingRuntime(new RuntimeApi(lambda.address()), handler, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        handler.close();
        upstream.close();
    }

    @Test
    void functionDiesAfterResponding_sweeperReleasesItsReservation_andTheLedgerAgreesWithTheLog() throws Exception {
        InMemoryBudgetLedger ledger =
                (InMemoryBudgetLedger) handler.getApplicationContext().getBean(BudgetLedger.class);
        CounterState before = global(ledger);

        // GIVEN one streamed call served to the end, settled after its last byte
        BigDecimal servedCost = servedThroughRuntime(ledger, "req-served", event(STREAM));

        // AND one whose function died once the response was on its way: the call was admitted (reserved), its
        // stream never relayed, so its settlement never ran
        APIGatewayProxyRequestEvent event = JSON.readValue(event(STREAM), APIGatewayProxyRequestEvent.class);
        String deadId = handler.handleRequest(event, new TestLambdaContext())
                .getHeaders()
                .get("x-tollgate-request-id");
        assertNotNull(
                handler.getApplicationContext().getBean(CallDelivery.class).take(), "a stream was handed off");
        assertEquals(1, ledger.openReservations(), "the dead call's reservation is open");
        assertTrue(global(ledger).committed().compareTo(global(ledger).actual()) > 0, "held by the dead call");

        // WHEN its deadline (the invocation's 120 s, plus 10 s) has passed and the sweeper runs
        int released = sweepAfterDeadlines();

        // THEN the hold is gone, nothing was charged for the dead call, and the ledger equals the log
        assertEquals(1, released);
        assertEquals(0, ledger.openReservations());
        assertNull(ledger.logItem(deadId), "no line: the dead call was never charged");
        CounterState after = global(ledger);
        assertEquals(0, after.committed().compareTo(after.actual()), "committed == actual: nothing held");
        assertEquals(
                0,
                after.actual().subtract(before.actual()).compareTo(servedCost),
                "counter moved by exactly the logged cost " + servedCost);
    }

    @Test
    void nonStreamedCall_isSettledAfterItsResponse_andOneWhoseFunctionDiesIsReleasedBySweeper() throws Exception {
        InMemoryBudgetLedger ledger =
                (InMemoryBudgetLedger) handler.getApplicationContext().getBean(BudgetLedger.class);
        CallDelivery delivery = handler.getApplicationContext().getBean(CallDelivery.class);
        CounterState before = global(ledger);

        // GIVEN a non-streamed call answered by the handler: the whole answer is in the response, and its
        // settlement is handed to the runtime, not yet run
        upstream.enqueue(completion());
        APIGatewayProxyRequestEvent event = JSON.readValue(event(COMPLETE), APIGatewayProxyRequestEvent.class);
        var answered = handler.handleRequest(event, new TestLambdaContext());
        String deadId = answered.getHeaders().get("x-tollgate-request-id");
        assertEquals(200, answered.getStatusCode(), answered.getBody());
        assertTrue(answered.getBody().contains("\"choices\""), answered.getBody());
        assertNull(ledger.logItem(deadId), "not settled before the response");
        assertEquals(1, ledger.openReservations(), "its reservation is open");

        // AND WHEN its function dies there (the settlement never runs) and the deadline passes
        assertNotNull(delivery.takeSettlement(), "a settlement was handed off");
        int released = sweepAfterDeadlines();

        // THEN the sweeper releases the hold, nothing was charged and there is no line
        assertEquals(1, released);
        assertEquals(0, ledger.openReservations());
        assertNull(ledger.logItem(deadId), "no line: the dead call was never charged");
        assertEquals(0, global(ledger).actual().compareTo(before.actual()), "nothing charged");

        // AND a call served through the runtime is answered, then settled before the next invocation is taken:
        // the counter moves by exactly its logged cost
        upstream.enqueue(completion());
        BigDecimal servedCost = servedThroughRuntime(ledger, "req-complete", event(COMPLETE));
        assertTrue(servedCost.signum() > 0, "charged " + servedCost);
        CounterState after = global(ledger);
        assertEquals(0, after.committed().compareTo(after.actual()), "committed == actual: nothing held");
        assertEquals(0, after.actual().subtract(before.actual()).compareTo(servedCost), "moved by the logged cost");
    }

    private static FakeUpstream.Reply completion() {
        return FakeUpstream.Reply.json(200, FakeUpstream.resource("/upstream/openai/chat-completion.json"));
    }

    /** Serves one invocation through the runtime; returns the cost in the line it settled before returning. */
    private static BigDecimal servedThroughRuntime(InMemoryBudgetLedger ledger, String invocationId, String event)
            throws Exception {
        LoopbackRuntimeApi.Response served = lambda.invoke(invocationId, event);
        runtime.serveNext();
        String line =
                ledger.logItem(requestId(served.done.get(10, TimeUnit.SECONDS).body()));
        assertNotNull(line, "settled before the next invocation");
        return JSON.readTree(line).path("cost").decimalValue();
    }

    /** Moves the clock past every open reservation's deadline and runs the sweeper; how many it released. */
    private static int sweepAfterDeadlines() {
        clock.advance(Duration.ofMinutes(5));
        return handler.getApplicationContext().getBean(ReservationSweeper.class).sweep();
    }

    /**
     * The system clock, moved ahead on demand: the relay stamps chunks with {@code Instant.now()}, so a frozen
     * clock would give calls negative durations.
     */
    static final class AheadClock extends java.time.Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static CounterState global(BudgetLedger ledger) {
        return ledger.read(List.of(GLOBAL), clock.instant()).get(0);
    }

    private static String requestId(byte[] body) throws Exception {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode prelude = JSON.readTree(text.substring(0, text.indexOf('\0')));
        return prelude.path("headers").path("x-tollgate-request-id").asText();
    }

    private static String event(String resource) throws Exception {
        try (var in = StreamingSettlementTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("mock-gpt-4o-mini", "slow-gpt");
        }
    }
}
