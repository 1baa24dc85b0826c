package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.providers.UpstreamStream;
import java.util.Map;

/** What a proxied call produced: either a complete body, or an open stream to relay. */
public sealed interface ProxyResult {

    /** A complete answer, what it cost, and the spend headers. */
    record Complete(ObjectNode body, CallCost cost, Map<String, String> headers) implements ProxyResult {}

    /**
     * An upstream stream that has answered 200 and not yet been relayed; settled when the relay ends.
     * {@code earlierAttempts} and {@code fallbackUsed} describe the failed attempts before this one.
     */
    record Streaming(
            UpstreamStream stream,
            StreamPlan plan,
            CallMetering.Metered metered,
            Map<String, String> headers,
            int earlierAttempts,
            boolean fallbackUsed)
            implements ProxyResult {

        /** The stream's own outcome, with the attempts that came before it. */
        public CallOutcome withHistory(CallOutcome outcome) {
            return outcome.after(earlierAttempts, fallbackUsed);
        }
    }
}
