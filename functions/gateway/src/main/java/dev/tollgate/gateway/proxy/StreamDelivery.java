package dev.tollgate.gateway.proxy;

import dev.tollgate.gateway.pipeline.CallResult;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.sse.Event;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;

/**
 * How a relayed stream reaches the client, by runtime (docs/architecture.md §1):
 * <ul>
 *   <li><b>relay</b> (Netty, {@code ./tollgate local}): the events are the response body, written as they come;</li>
 *   <li><b>handoff</b> (the Lambda streaming runtime, {@code tollgate.streaming.handoff}): the response carries the
 *       status and headers only, and the events are handed to the runtime, which writes them into Lambda's
 *       response stream after the metadata prelude ({@code lambda/StreamingRuntime});</li>
 *   <li><b>buffer</b> ({@code tollgate.streaming.buffered}, a function behind a buffered integration): one complete
 *       SSE body when the call ends.</li>
 * </ul>
 * A Lambda execution environment serves one invocation at a time, so one slot holds the handed-off stream.
 */
@Singleton
public class StreamDelivery {
    private final boolean buffer;
    private final boolean handoff;
    private final AtomicReference<Flux<Event<String>>> handedOff = new AtomicReference<>();

    public StreamDelivery(
            @Value("${tollgate.streaming.buffered:false}") boolean buffer,
            @Value("${tollgate.streaming.handoff:false}") boolean handoff) {
        this.buffer = buffer;
        this.handoff = handoff;
    }

    /** The response for a stream whose upstream has answered 200: its headers now, its events as they come. */
    MutableHttpResponse<?> respond(Flux<Event<String>> events, CallResult.Streaming streaming) {
        MutableHttpResponse<?> response;
        if (handoff) {
            Flux<Event<String>> stale = handedOff.getAndSet(events);
            if (stale != null) {
                stale.subscribe().dispose(); // never taken: close its upstream and settle it
            }
            response = HttpResponse.ok();
        } else if (buffer) {
            response = HttpResponse.ok(SseText.collect(events).getBytes(StandardCharsets.UTF_8));
        } else {
            response = HttpResponse.ok(events);
        }
        streaming.headers().forEach(response::header);
        return response.contentType(MediaType.TEXT_EVENT_STREAM_TYPE).header("cache-control", "no-cache");
    }

    /** The stream the last response handed off, once; null when that response was not a stream. */
    public Flux<Event<String>> take() {
        return handedOff.getAndSet(null);
    }

    /** One event as the SSE text a client reads: comment, name, data, blank line. */
    public static byte[] sse(Event<String> event) {
        StringBuilder text = new StringBuilder();
        SseText.append(text, event);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
