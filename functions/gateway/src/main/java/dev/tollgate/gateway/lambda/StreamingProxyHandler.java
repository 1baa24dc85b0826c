package dev.tollgate.gateway.lambda;

import io.micronaut.context.ApplicationContextBuilder;
import java.util.Map;

/**
 * The proxy handler as {@link StreamingRuntime} runs it (the proxy and report functions): streams ({@code CallDelivery})
 * and {@code Writable} bodies ({@link WritableHandoff}) are handed to the runtime, which writes them into Lambda's
 * response stream as bytes, instead of being buffered into one text body.
 */
final class StreamingProxyHandler extends ProxyHandler {
    /**
     * Streams and {@code Writable} bodies handed off; LiteLLM's team report may go out gzipped as it is stored, since
     * its bytes now reach the client intact.
     */
    static final Map<String, Object> STREAMING_RESPONSE = Map.of(
            "tollgate.streaming.buffered",
            false,
            "tollgate.streaming.handoff",
            true,
            "tollgate.reports.precompressed",
            true);

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().properties(STREAMING_RESPONSE);
    }
}
