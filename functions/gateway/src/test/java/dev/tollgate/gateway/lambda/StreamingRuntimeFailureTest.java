package dev.tollgate.gateway.lambda;

import static dev.tollgate.gateway.lambda.StreamingFixture.streamEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.tollgate.gateway.budget.CounterState;
import dev.tollgate.gateway.budget.InMemoryBudgetLedger;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streamed call whose response cannot be started (its prelude cannot be encoded, or Lambda's response stream
 * cannot be opened) is still settled, once, before the next invocation is taken; and the runtime goes on serving.
 * The stream was handed off but never relayed: the runtime subscribes and disposes it, which settles the call.
 */
class StreamingRuntimeFailureTest {
    private static StreamingFixture fixture;
    /** When set, the handler's response carries a header the prelude cannot encode (a null name). */
    private static volatile boolean unencodablePrelude;
    /** When set, opening an invocation's response stream fails. */
    private static volatile boolean responseStreamFails;
    /** The request id of the handler's last response. */
    private static volatile String lastRequestId;

    @BeforeAll
    static void start() throws Exception {
        fixture = StreamingFixture.streaming(50)
                .globalBudget()
                .handler(context -> new ProxyHandler(context) {
                    @Override
                    public APIGatewayProxyResponseEvent handleRequest(
                            APIGatewayProxyRequestEvent input, Context lambda) {
                        APIGatewayProxyResponseEvent response = super.handleRequest(input, lambda);
                        lastRequestId = response.getHeaders().get("x-tollgate-request-id");
                        if (unencodablePrelude) {
                            Map<String, String> headers = new HashMap<>(response.getHeaders());
                            headers.put(null, "no name");
                            response.setHeaders(headers);
                        }
                        return response;
                    }
                })
                .runtimeApi(address -> new RuntimeApi(address) {
                    @Override
                    ResponseStream stream(String requestId) throws IOException {
                        if (responseStreamFails) {
                            throw new IOException("connection refused");
                        }
                        return super.stream(requestId);
                    }
                })
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void preludeThatCannotBeEncoded_answersWithAnError_settlesTheStreamOnce_andTheNextInvocationIsServed()
            throws Exception {
        unencodablePrelude = true;
        try {
            fixture.lambda.invoke("req-bad-prelude", streamEvent());
            fixture.runtime.serveNext(); // before the fix, the NullPointerException escaped: the runtime loop ended
        } finally {
            unencodablePrelude = false;
        }

        assertTrue(
                fixture.lambda.errors().stream()
                        .anyMatch(e -> e.contains("req-bad-prelude") && e.contains("Runtime.HandlerError")),
                fixture.lambda.errors().toString());
        assertSettledOnce(lastRequestId);
        fixture.assertNextInvocationServed("req-after-bad-prelude");
    }

    @Test
    void responseStreamThatCannotBeOpened_settlesTheStreamOnce_andTheNextInvocationIsServed() throws Exception {
        responseStreamFails = true;
        try {
            fixture.lambda.invoke("req-no-stream", streamEvent());
            fixture.runtime.serveNext(); // returns once the call settled; before the fix it never was
        } finally {
            responseStreamFails = false;
        }

        assertSettledOnce(lastRequestId);
        fixture.assertNextInvocationServed("req-after-no-stream");
    }

    /** Its log line written, its reservation released, the counter charged what the lines say (nothing held). */
    private static void assertSettledOnce(String requestId) {
        InMemoryBudgetLedger ledger = fixture.ledger();
        assertNotNull(requestId, "the handler answered");
        String line = ledger.logItem(requestId);
        assertNotNull(line, "the call was settled with its log line");
        assertEquals(0, ledger.openReservations(), "its reservation was released");
        CounterState global = fixture.global(Instant.now());
        assertEquals(0, global.committed().compareTo(global.actual()), "nothing held: " + global);
        assertEquals(0, global.inFlight(), "no call in flight: " + global);
    }
}
