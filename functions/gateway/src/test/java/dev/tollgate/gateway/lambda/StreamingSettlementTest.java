package dev.tollgate.gateway.lambda;

import static dev.tollgate.gateway.lambda.StreamingFixture.JSON;
import static dev.tollgate.gateway.lambda.StreamingFixture.event;
import static dev.tollgate.gateway.lambda.StreamingFixture.requestId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import dev.tollgate.gateway.budget.ReservationSweeper;
import dev.tollgate.gateway.proxy.CallDelivery;
import dev.tollgate.gateway.testing.FakeUpstream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
    private static final String STREAM = "chat-completion-stream.json";
    private static final String COMPLETE = "chat-completion.json";

    private static StreamingFixture fixture;
    private static FakeUpstream upstream;
    private static LoopbackRuntimeApi lambda;
    private static ProxyHandler handler;
    private static StreamingRuntime runtime;
    private static AheadClock clock;

    @BeforeAll
    static void start() throws Exception {
        clock = new AheadClock();
        fixture = StreamingFixture.streaming(20).globalBudget().singleton(clock).start();
        upstream = fixture.upstream;
        lambda = fixture.lambda;
        handler = fixture.handler;
        runtime = fixture.runtime;
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void functionDiesAfterResponding_sweeperReleasesItsReservation_andTheLedgerAgreesWithTheLog() throws Exception {
        InMemoryBudgetLedger ledger = fixture.ledger();
        CounterState before = global();

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
        assertTrue(global().committed().compareTo(global().actual()) > 0, "held by the dead call");

        // WHEN its deadline (the invocation's 120 s, plus 10 s) has passed and the sweeper runs
        int released = sweepAfterDeadlines();

        // THEN the hold is gone, nothing was charged for the dead call, and the ledger equals the log
        assertEquals(1, released);
        assertEquals(0, ledger.openReservations());
        assertNull(ledger.logItem(deadId), "no line: the dead call was never charged");
        CounterState after = global();
        assertEquals(0, after.committed().compareTo(after.actual()), "committed == actual: nothing held");
        assertEquals(
                0,
                after.actual().subtract(before.actual()).compareTo(servedCost),
                "counter moved by exactly the logged cost " + servedCost);
    }

    @Test
    void nonStreamedCall_isSettledAfterItsResponse_andOneWhoseFunctionDiesIsReleasedBySweeper() throws Exception {
        InMemoryBudgetLedger ledger = fixture.ledger();
        CallDelivery delivery = handler.getApplicationContext().getBean(CallDelivery.class);
        CounterState before = global();

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
        assertEquals(0, global().actual().compareTo(before.actual()), "nothing charged");

        // AND a call served through the runtime is answered, then settled before the next invocation is taken:
        // the counter moves by exactly its logged cost
        upstream.enqueue(completion());
        BigDecimal servedCost = servedThroughRuntime(ledger, "req-complete", event(COMPLETE));
        assertTrue(servedCost.signum() > 0, "charged " + servedCost);
        CounterState after = global();
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

    private static CounterState global() {
        return fixture.global(clock.instant());
    }
}
