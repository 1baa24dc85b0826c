package dev.tollgate.gateway.lambda;

import dev.tollgate.gateway.proxy.Handoff;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import jakarta.inject.Singleton;

/**
 * Under {@link StreamingRuntime} ({@code tollgate.streaming.handoff}), a response whose body is a {@link Writable} (a
 * report export, LiteLLM's team report from its stored gzip blocks) leaves Micronaut without that body: the runtime
 * takes it from here and writes it into Lambda's response stream after the prelude, as bytes, while it is produced.
 * Left to the servlet response it would be buffered whole and, for any content type not configured as binary, turned
 * into a String (gzip corrupted; a large answer held several times over), all before the first byte is sent.
 *
 * <p>The status and headers stay on the response (the prelude); only {@code Content-Length} goes, since the length is
 * not known before the body is written. A Lambda execution environment serves one invocation at a time, so one slot
 * ({@link Handoff}) holds what was handed off; nothing is opened before {@link Writable#writeTo} runs, so a body never
 * taken holds nothing.
 */
@Singleton
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "tollgate.streaming.handoff", value = "true")
public class WritableHandoff {
    /** Nothing is opened before {@link Writable#writeTo}: a body never taken is simply dropped. */
    private final Handoff<Writable> handedOff = new Handoff<>(stale -> {});

    /** Takes a {@link Writable} body off the response; any other body stays for Micronaut to encode. */
    @ResponseFilter
    public void handOff(MutableHttpResponse<?> response) {
        if (response.getBody().orElse(null) instanceof Writable body) {
            handedOff.put(body);
            response.body(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        }
    }

    /** The body the last response handed off, once; null when that response had none. */
    Writable take() {
        return handedOff.take();
    }

    /** Drops the body the last response handed off, if it was never taken. */
    void discard() {
        handedOff.discard();
    }
}
