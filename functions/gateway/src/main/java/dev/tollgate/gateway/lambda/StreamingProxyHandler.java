package dev.tollgate.gateway.lambda;

import io.micronaut.context.ApplicationContextBuilder;
import java.util.Map;

/**
 * The proxy handler as {@link StreamingRuntime} runs it: streams are handed to the runtime, which writes them
 * into Lambda's response stream, instead of being buffered into one body.
 */
final class StreamingProxyHandler extends ProxyHandler {

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder()
                .properties(Map.of("tollgate.streaming.buffered", false, "tollgate.streaming.handoff", true));
    }
}
