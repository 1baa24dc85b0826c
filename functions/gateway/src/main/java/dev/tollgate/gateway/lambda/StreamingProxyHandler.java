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
     * Streams and {@code Writable} bodies handed off, so bytes reach the client intact (answers stored or written
     * gzipped may go out as they are).
     */
    static final Map<String, Object> STREAMING_RESPONSE =
            Map.of("tollgate.streaming.buffered", false, "tollgate.streaming.handoff", true);

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().properties(STREAMING_RESPONSE);
    }
}
