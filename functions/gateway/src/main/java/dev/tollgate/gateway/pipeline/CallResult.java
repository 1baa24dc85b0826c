package dev.tollgate.gateway.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.gateway.spendlog.CallOutcome;
import java.util.Map;
import java.util.function.Consumer;

/** What a proxied call produced: either a complete, settled answer, or an open stream to relay. */
public sealed interface CallResult {

    /** A complete answer, what it cost, and the spend headers. Already settled. */
    record Complete(ObjectNode body, CallCost cost, Map<String, String> headers) implements CallResult {}

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
