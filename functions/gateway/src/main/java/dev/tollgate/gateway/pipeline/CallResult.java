package dev.tollgate.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.gateway.spendlog.CallOutcome;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a proxied call produced: a complete answer or an open stream to relay. Either is settled by whoever sends it
 * to the client, once the response's last byte is written (docs/architecture.md §1, step 6 after step 5): the client
 * waits for authentication, pricing and the reservation, not for the settle transaction.
 */
public sealed interface CallResult {

    /**
     * A complete answer, what it cost, and the spend headers (they already count its cost). Whoever sends it calls
     * {@link #settle} exactly once, after the response (or, if the response could not be sent, anyway).
     */
    record Complete(ObjectNode body, CallCost cost, Map<String, String> headers, Runnable settlement)
            implements CallResult {

        /** Writes the settlement: counters, reservation released, spend-log line; then alerts and cache store. */
        public void settle() {
            settlement.run();
        }
    }

    /**
     * An upstream stream that has answered 200 and not yet been relayed. Whoever relays it reports how it
     * ended with {@link #settle}, exactly once; the pipeline settles it there with the same code as a complete
     * answer.
     */
    record Streaming(
            UpstreamStream stream, StreamPlan plan, Map<String, String> headers, Consumer<CallOutcome> settlement)
            implements CallResult {

        /** Settles the call with how its stream ended (completed, broke, or the client went away). */
        public void settle(CallOutcome outcome) {
            settlement.accept(outcome);
        }
    }
}
