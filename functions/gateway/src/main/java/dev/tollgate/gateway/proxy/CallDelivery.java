package dev.tollgate.gateway.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.gateway.call.CallContext;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.pipeline.CallResult;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;

/**
 * How a proxied call's result reaches the client, and when it is settled: after the response's last byte
 * (docs/architecture.md §1). By runtime:
 * <ul>
 *   <li><b>Netty</b> ({@code ./tollgate local}): a complete answer's settlement rides on the request and runs once
 *       Netty has written the response ({@link SettleAfterResponse}); a stream's events are the response body,
 *       written as they come, and the relay settles it when it ends;</li>
 *   <li><b>handoff</b> (the Lambda streaming runtime, {@code tollgate.streaming.handoff}): the response carries the
 *       status and headers (and a complete answer's body); a stream's events and a complete answer's settlement are
 *       handed to the runtime, which writes the events into Lambda's response stream, closes it, then settles
 *       ({@code lambda/StreamingRuntime});</li>
 *   <li><b>buffer</b> ({@code tollgate.streaming.buffered}, a function behind a buffered integration, whose environment
 *       may be frozen once it returns): a stream as one complete SSE body, and the settlement before returning.</li>
 * </ul>
 * A Lambda execution environment serves one invocation at a time, so one slot holds what was handed off
 * ({@link Handoff}).
 */
@Singleton
public class CallDelivery {
    /** The request attribute that carries a complete answer's settlement to {@link SettleAfterResponse}. */
    static final String SETTLEMENT = "tollgate.settlement";

    private final boolean buffer;
    private final boolean handoff;
    private final StreamRelay relay;
    private final Settlements settlements;
    private final ObjectMapper json;
    /** A stream never taken is subscribed and disposed at once: its upstream closed, the relay settles the call. */
    private final Handoff<Flux<Event<String>>> handedOff =
            new Handoff<>(stale -> stale.subscribe().dispose());
    /** A settlement never taken is run: it settles a call the upstream answered. */
    private final Handoff<Runnable> handedOffSettlement = new Handoff<>(Runnable::run);

    public CallDelivery(
            @Value("${tollgate.streaming.buffered:false}") boolean buffer,
            @Value("${tollgate.streaming.handoff:false}") boolean handoff,
            StreamRelay relay,
            Settlements settlements,
            ObjectMapper json) {
        this.buffer = buffer;
        this.handoff = handoff;
        this.relay = relay;
        this.settlements = settlements;
        this.json = json;
    }

    /** An OpenAI-shaped call's response: the answer as the pipeline returned it, a stream as OpenAI's chunks. */
    MutableHttpResponse<?> respond(HttpRequest<?> request, CallContext call, CallResult result) {
        return respond(request, call, result, answer -> answer, relay::openAi);
    }

    /**
     * A call's response in the client's format: a complete answer as JSON ({@code render} turns the chat answer into
     * it), a stream in {@code dialect}; either settled after it is sent.
     */
    MutableHttpResponse<?> respond(
            HttpRequest<?> request,
            CallContext call,
            CallResult result,
            Function<ObjectNode, Object> render,
            Supplier<StreamDialect> dialect) {
        return switch (result) {
            case CallResult.Complete complete -> complete(request, complete, render);
            case CallResult.Streaming streaming ->
                stream(
                        relay.relay(call, streaming.stream(), streaming.plan(), dialect.get(), streaming::settle),
                        streaming);
        };
    }

    /** The stream the last response handed off, once; null when that response was not a stream. */
    public Flux<Event<String>> take() {
        return handedOff.take();
    }

    /** Closes the stream the last response handed off, if it was never taken, so that the call is settled. */
    public void discardStream() {
        handedOff.discard();
    }

    /** The settlement of the complete answer the last response carried, once; null when there was none. */
    public Runnable takeSettlement() {
        return handedOffSettlement.take();
    }

    /** One event as the SSE text a client reads: comment, name, data, blank line. */
    public static byte[] sse(Event<String> event) {
        StringBuilder text = new StringBuilder();
        SseText.append(text, event);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** JSON text of a body (bridges' error events). */
    String write(Object body) {
        return new String(bytes(body), StandardCharsets.UTF_8);
    }

    /**
     * A complete answer with its cost headers. Its settlement is registered before the answer is rendered, so that a
     * rendering failure still settles the call the upstream answered (the client then gets the error response).
     */
    private MutableHttpResponse<byte[]> complete(
            HttpRequest<?> request, CallResult.Complete complete, Function<ObjectNode, Object> render) {
        if (buffer) {
            try {
                return json(render.apply(complete.body()), complete);
            } finally {
                Settlements.once(complete::settle).run();
            }
        }
        if (handoff) {
            handedOffSettlement.put(Settlements.once(complete::settle));
        } else {
            request.setAttribute(SETTLEMENT, settlements.pending(complete::settle));
        }
        return json(render.apply(complete.body()), complete);
    }

    /** The response for a stream whose upstream has answered 200: its headers now, its events as they come. */
    private MutableHttpResponse<?> stream(Flux<Event<String>> events, CallResult.Streaming streaming) {
        MutableHttpResponse<?> response;
        if (handoff) {
            handedOff.put(events);
            response = HttpResponse.ok();
        } else if (buffer) {
            response = HttpResponse.ok(SseText.collect(events).getBytes(StandardCharsets.UTF_8));
        } else {
            response = HttpResponse.ok(events);
        }
        streaming.headers().forEach(response::header);
        return response.contentType(MediaType.TEXT_EVENT_STREAM_TYPE).header("cache-control", "no-cache");
    }

    private MutableHttpResponse<byte[]> json(Object body, CallResult.Complete complete) {
        MutableHttpResponse<byte[]> response = HttpResponse.ok(bytes(body));
        complete.headers().forEach(response::header);
        return ProxyHeaders.cost(response, complete.cost()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.internal("could not encode the response");
        }
    }
}
