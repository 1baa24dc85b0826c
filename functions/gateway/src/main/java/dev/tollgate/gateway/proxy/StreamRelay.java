package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.pipeline.StreamPlan;
import dev.tollgate.gateway.providers.UpstreamStream;
import dev.tollgate.gateway.spendlog.CallOutcome;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Relays an upstream stream to the client chunk by chunk, as each arrives. On the way it keeps the
 * usage chunk (which the gateway always asks for) and drops it when the client did not ask for it,
 * and at the end adds the call's cost as an SSE comment line just before {@code data: [DONE]} (headers are
 * gone by then). A multi-line data payload is joined into one line (newlines in JSON are whitespace). If the upstream breaks mid-stream the client gets an error event; nothing is retried.
 */
@Singleton
public class StreamRelay {
    public static final String COST_COMMENT = "x-tollgate-response-cost: ";
    private static final Logger LOG = LoggerFactory.getLogger(StreamRelay.class);
    private static final GatewayException CLIENT_GONE = new GatewayException(
            499,
            "client_disconnected",
            "The client closed the connection before the stream ended",
            null,
            "client_disconnected");

    private final ObjectMapper json;
    private final Settlements settlements;
    private final ExecutorService pumps = Executors.newVirtualThreadPerTaskExecutor();

    public StreamRelay(ObjectMapper json, Settlements settlements) {
        this.json = json;
        this.settlements = settlements;
    }

    /**
     * The client-facing events; {@code onEnd} receives how the stream ended (completed, broke, or the
     * client went away) with the cost of what was produced, exactly once.
     */
    public Flux<Event<String>> relay(
            CallContext call, UpstreamStream upstream, StreamPlan plan, Consumer<CallOutcome> onEnd) {
        return relay(call, upstream, plan, openAi(), onEnd);
    }

    /** The same, with the client's stream format: OpenAI's chunks, or a bridged API's events. */
    public Flux<Event<String>> relay(
            CallContext call,
            UpstreamStream upstream,
            StreamPlan plan,
            StreamDialect dialect,
            Consumer<CallOutcome> onEnd) {
        return Flux.create(
                sink -> {
                    sink.onDispose(upstream::close);
                    pumps.execute(settlements.pending(() -> pump(call, upstream, plan, dialect, sink, onEnd)));
                },
                FluxSink.OverflowStrategy.BUFFER);
    }

    /** OpenAI's own format: chunks as they are, {@code [DONE]} with the cost comment, errors as OpenAI bodies. */
    public StreamDialect openAi() {
        return new StreamDialect() {
            @Override
            public java.util.List<Event<String>> chunk(String data, JsonNode chunk) {
                return java.util.List.of(Event.of(data));
            }

            @Override
            public java.util.List<Event<String>> end(String costText) {
                return java.util.List.of(Event.of("[DONE]").comment(COST_COMMENT + costText));
            }

            @Override
            public Event<String> error(GatewayException error) {
                return Event.of(errorJson(error));
            }
        };
    }

    private void pump(
            CallContext call,
            UpstreamStream upstream,
            StreamPlan plan,
            StreamDialect dialect,
            FluxSink<Event<String>> sink,
            Consumer<CallOutcome> onEnd) {
        StreamState state = new StreamState();
        Instant firstToken = null;
        CallOutcome outcome;
        try {
            String data;
            while (!sink.isCancelled() && (data = next(call, upstream)) != null) {
                if (firstToken == null) {
                    firstToken = call.now();
                }
                Chunk forward = state.accept(data, plan.clientWantsUsage(), json);
                if (forward != null) {
                    String text = forward.data();
                    dialect.chunk(text.indexOf('\n') < 0 ? text : text.replace('\n', ' '), forward.json())
                            .forEach(sink::next);
                }
            }
            CallCost cost = state.cost(plan);
            if (sink.isCancelled()) {
                outcome =
                        new CallOutcome(499, cost, CLIENT_GONE, upstream.attempts() - 1, firstToken, true, null, false);
            } else {
                dialect.end(cost.totalText()).forEach(sink::next);
                sink.complete();
                outcome = CallOutcome.ok(cost, upstream.attempts(), firstToken, null);
            }
        } catch (RuntimeException e) {
            if (sink.isCancelled()) {
                // the client went away and its cancellation closed the upstream under the read: not an upstream
                // failure, and nobody left to tell
                outcome = new CallOutcome(
                        499, state.cost(plan), CLIENT_GONE, upstream.attempts() - 1, firstToken, true, null, false);
            } else {
                LOG.warn("stream {} broke after {} chunk(s): {}", call.requestId(), state.chunks(), e.getMessage());
                GatewayException error = e instanceof GatewayException o
                        ? o
                        : GatewayException.upstreamUnavailable("The upstream stream broke: " + e.getMessage());
                sink.next(dialect.error(error));
                sink.complete();
                outcome = new CallOutcome(
                        error.status(),
                        state.cost(plan),
                        error,
                        upstream.attempts() - 1,
                        firstToken,
                        true,
                        null,
                        false);
            }
        } finally {
            upstream.close();
        }
        onEnd.accept(outcome);
    }

    private static String next(CallContext call, UpstreamStream upstream) {
        long start = System.nanoTime();
        try {
            return upstream.next();
        } finally {
            call.addUpstreamNanos(System.nanoTime() - start);
        }
    }

    private String errorJson(GatewayException error) {
        try {
            return json.writeValueAsString(dev.tollgate.gateway.http.OpenAiErrorBody.of(error));
        } catch (IOException e) {
            return "{\"error\":{\"message\":\"stream failed\",\"type\":\"upstream_error\",\"param\":null,\"code\":null}}";
        }
    }

    /** A chunk to forward: its text, and its JSON (null when it is not JSON). */
    record Chunk(String data, JsonNode json) {}

    /** What the relay has seen so far: usage, reply text (for estimation), service tier. */
    static final class StreamState {
        private JsonNode usage;
        private String serviceTier;
        private final StringBuilder text = new StringBuilder();
        private int chunks;

        /** Returns the chunk to forward, or null to drop it. */
        Chunk accept(String data, boolean clientWantsUsage, ObjectMapper json) {
            chunks++;
            JsonNode chunk;
            try {
                chunk = json.readTree(data);
            } catch (IOException e) {
                return new Chunk(data, null);
            }
            if (chunk.hasNonNull("service_tier")) {
                serviceTier = chunk.get("service_tier").asText();
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode content = choice.path("delta").path("content");
                if (content.isTextual()) {
                    text.append(content.asText());
                }
            }
            JsonNode chunkUsage = chunk.get("usage");
            if (chunkUsage == null || chunkUsage.isNull()) {
                return new Chunk(data, chunk);
            }
            usage = chunkUsage;
            if (clientWantsUsage) {
                return new Chunk(data, chunk);
            }
            if (chunk.path("choices").isEmpty()) {
                return null;
            }
            ((ObjectNode) chunk).remove("usage");
            return new Chunk(chunk.toString(), chunk);
        }

        CallCost cost(StreamPlan plan) {
            return CallCost.ofChat(
                    plan.price(), plan.request(), usage, serviceTier, text.toString(), plan.tokenizerModel());
        }

        int chunks() {
            return chunks;
        }
    }
}
