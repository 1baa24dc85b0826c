package dev.tollgate.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.ReservationSweeper;
import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.config.ModelDeployment;
import dev.tollgate.gateway.cost.PriceBook;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.MutableClock;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A call killed after reserving (process killed, Lambda timeout) never settles: its reservation is released
 * by the sweeper within a minute after the call's own deadline, and never before it. On DynamoDB Local, with
 * a clock the test moves and the sweeper run every 30 s of that clock, as the local runtime runs it.
 *
 * <p>The model: {@code timeout_seconds: 20}, {@code max_retries: 1}, so a non-streamed call can live at most
 * 2 × 20 s + 8 s of backoff = 48 s; its reservation expires 10 s after that.
 */
class ReservationDeadlineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:15:30Z"));
    private ApplicationContext context;

    @BeforeEach
    void start() {
        String table;
        try (DynamoDbClient dynamo = DynamoDbLocal.client()) {
            table = DynamoDbLocal.createTable(dynamo, "deadline");
        }
        context = ApplicationContext.builder()
                .properties(Map.of(
                        "tollgate.master-key",
                        "sk-deadline-master",
                        "tollgate.config-yaml",
                        """
                        models:
                          - name: m
                            provider: mock
                            base_model: gpt-4o-mini
                            timeout_seconds: 20
                            max_retries: 1
                        settings:
                          budgets:
                            global: [{budget_duration: 1mo, max_budget: 10}]
                            max_call_seconds: 300
                        """,
                        "tollgate.storage.table",
                        table,
                        "tollgate.storage.region",
                        "us-east-1",
                        "tollgate.storage.dynamodb-endpoint",
                        DynamoDbLocal.endpoint()))
                .singletons(clock)
                .start();
    }

    @AfterEach
    void stop() {
        context.close();
    }

    @Test
    void killedCall_isReleasedWithinAMinuteAfterItsDeadline_neverBefore() throws Exception {
        // GIVEN a non-streamed call that reserved and was then killed (it never settles)
        Instant admitted = clock.instant();
        Admission killed = admit(false);
        Instant deadline = admitted.plusSeconds(48);
        assertEquals(deadline.plus(CallDeadline.MARGIN), killed.reservation().expiresAt());
        assertEquals(1, global().inFlight());

        // WHEN the sweeper runs every 30 s
        Instant releasedAt = sweepUntilReleased(admitted, deadline.plus(Duration.ofMinutes(5)));

        // THEN it was released after the deadline, and within a minute of it
        assertNotNull(releasedAt, "never released");
        assertTrue(releasedAt.isAfter(deadline), "released at " + releasedAt + ", before the deadline " + deadline);
        assertTrue(
                !releasedAt.isAfter(deadline.plus(Duration.ofMinutes(1))),
                "released at " + releasedAt + ", more than a minute after the deadline " + deadline);
        assertEquals(0, global().inFlight());
        assertEquals(0, global().committed().signum(), "nothing stays committed");
    }

    @Test
    void killedStream_onLambda_livesUntilTheInvocationsEndAndNoLonger() throws Exception {
        // GIVEN a Lambda invocation with 120 s left (the function timeout) and a stream, whose body has no timeout
        Instant admitted = clock.instant();
        context.getBean(InvocationDeadline.class).set(admitted.plusSeconds(120));
        Admission killed = admit(true);
        Instant deadline = admitted.plusSeconds(120);
        assertEquals(deadline.plus(CallDeadline.MARGIN), killed.reservation().expiresAt());

        // WHEN the sweeper runs every 30 s THEN it frees the room after the invocation's end, within a minute
        Instant releasedAt = sweepUntilReleased(admitted, deadline.plus(Duration.ofMinutes(5)));
        assertTrue(releasedAt.isAfter(deadline), "released at " + releasedAt);
        assertTrue(!releasedAt.isAfter(deadline.plus(Duration.ofMinutes(1))), "released at " + releasedAt);
    }

    @Test
    void stream_locally_isBoundedByMaxCallSeconds() {
        // GIVEN no runtime limit (the local runtime) and max_call_seconds: 300
        Admission stream = admit(true);
        // THEN the stream's reservation lasts 300 s plus the margin
        assertEquals(
                clock.instant().plusSeconds(300).plus(CallDeadline.MARGIN),
                stream.reservation().expiresAt());
    }

    /** Runs the sweeper every 30 s of the test clock until the reservation is gone; returns that moment. */
    private Instant sweepUntilReleased(Instant from, Instant giveUp) {
        ReservationSweeper sweeper = context.getBean(ReservationSweeper.class);
        for (Instant t = from.plus(SWEEP_EVERY); !t.isAfter(giveUp); t = t.plus(SWEEP_EVERY)) {
            clock.set(t);
            if (sweeper.sweep() > 0) {
                return t;
            }
            assertEquals(1, global().inFlight(), "still held at " + t);
        }
        return null;
    }

    private Admission admit(boolean stream) {
        ObjectNode body;
        try {
            body = (ObjectNode) JSON.readTree("{\"model\":\"m\",\"max_tokens\":10,\"stream\":" + stream
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        ModelDeployment m = context.getBean(GatewayConfig.class).group("m").get(0);
        CallSubject subject = new CallSubject(new Principal("master", "master", true), null, List.of());
        return context.getBean(AdmissionService.class)
                .admit(
                        UUID.randomUUID().toString(),
                        subject,
                        List.of(context.getBean(PriceBook.class).priceOf(m)),
                        body);
    }

    private CounterState global() {
        BudgetLedger ledger = context.getBean(BudgetLedger.class);
        return ledger.read(context.getBean(BudgetScopes.class).limitsFor(subjectOfMaster()), clock.instant())
                .get(0);
    }

    private static CallSubject subjectOfMaster() {
        return new CallSubject(new Principal("master", "master", true), null, List.of());
    }
}
