package dev.tollgate.gateway.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.ReserveResult;
import dev.tollgate.gateway.budget.Scope;
import io.micronaut.context.ApplicationContext;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduled-jobs handler fed a real EventBridge event: the sweeper releases what a dead call reserved. */
class JobsHandlerTest {

    @Test
    void scheduledEvent_releasesExpiredReservations() throws Exception {
        try (ApplicationContext context = ApplicationContext.run(Map.of("tollgate.master-key", "sk-jobs"));
                JobsHandler handler = new JobsHandler(context)) {
            BudgetLedger ledger = context.getBean(BudgetLedger.class);
            BudgetLimit key = new BudgetLimit(Scope.KEY, "k1", BudgetWindow.LIFETIME, new BigDecimal("1"));
            ReserveResult reserved = ledger.reserve(
                    "dead-call",
                    List.of(key),
                    new BigDecimal("0.4"),
                    Instant.now().minusSeconds(5));
            assertInstanceOf(ReserveResult.Reserved.class, reserved);

            String summary = handler.handleRequest(event(), new TestLambdaContext());

            assertEquals("released 1 expired reservation(s)", summary);
            assertEquals(
                    0,
                    ledger.read(List.of(key), Instant.now()).get(0).committed().signum(),
                    "counters back to the settled sum (0)");
        }
    }

    private static ScheduledEvent event() throws Exception {
        PojoSerializer<ScheduledEvent> serializer =
                LambdaEventSerializers.serializerFor(ScheduledEvent.class, JobsHandlerTest.class.getClassLoader());
        try (InputStream in = JobsHandlerTest.class.getResourceAsStream("/events/scheduled-sweeper.json")) {
            return serializer.fromJson(in);
        }
    }
}
