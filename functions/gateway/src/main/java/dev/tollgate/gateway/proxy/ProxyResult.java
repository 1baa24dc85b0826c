package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.providers.UpstreamStream;

/** What a proxied call produced: either a complete body, or an open stream to relay. */
public sealed interface ProxyResult {

    /** A complete answer and what it cost. */
    record Complete(ObjectNode body, CallCost cost) implements ProxyResult {
    }

    /** An upstream stream that has answered 200 and not yet been relayed. */
    record Streaming(UpstreamStream stream, StreamPlan plan) implements ProxyResult {
    }
}
