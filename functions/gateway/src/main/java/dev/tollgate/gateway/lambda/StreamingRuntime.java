package dev.tollgate.gateway.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.proxy.CallDelivery;
import dev.tollgate.gateway.proxy.Settlements;
import io.micronaut.core.io.Writable;
import io.micronaut.http.sse.Event;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;

/**
 * The proxy function's own Lambda runtime: it speaks the Runtime API in streaming response mode, so that API
 * Gateway (integration response transfer mode {@code STREAM}) relays each upstream chunk to the client as it
 * arrives (docs/decisions.md, "Streaming on Lambda"). Started by {@code lambda-wrapper/tollgate-streaming} in
 * place of the managed java21 runtime's own client, on the same JVM, so SnapStart still applies.
 *
 * <p>Each invocation: the API Gateway event goes through the same {@link ProxyHandler} (the same controllers as
 * everywhere); its status and headers become the prelude; then either its complete body, or the stream it handed
 * off ({@link CallDelivery}), event by event, or the {@link Writable} body it handed off ({@link WritableHandoff}: a
 * report export, a report stored gzipped), written as bytes as it is produced. The response stream is closed at the
 * last byte, and only then is the call settled (a complete answer's settlement runs here, a stream's in its relay,
 * which the runtime waits for) and the next event asked for: the client never waits for the settle transaction.
 */
public final class StreamingRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingRuntime.class);
    /** How long a settlement may take after its stream closed before the next invocation is taken anyway. */
    private static final long SETTLE_WAIT_MS = 10_000;
    /** A handed-off body goes out in chunks of at most this many bytes (a large answer is hundreds of them). */
    static final int BODY_CHUNK_BYTES = 64 * 1024;

    private final RuntimeApi api;
    private final ProxyHandler handler;
    private final Map<String, String> environment;
    private final CallDelivery delivery;
    private final WritableHandoff bodies;
    private final Settlements settlements;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true);

    StreamingRuntime(RuntimeApi api, ProxyHandler handler, Map<String, String> environment) {
        this.api = api;
        this.handler = handler;
        this.environment = environment;
        this.delivery = handler.getApplicationContext().getBean(CallDelivery.class);
        this.bodies = handler.getApplicationContext().getBean(WritableHandoff.class);
        this.settlements = handler.getApplicationContext().getBean(Settlements.class);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> environment = System.getenv();
        RuntimeApi api = new RuntimeApi(environment.get("AWS_LAMBDA_RUNTIME_API"));
        ProxyHandler handler;
        try {
            handler = new StreamingProxyHandler();
        } catch (RuntimeException | Error e) {
            LOG.error("initialisation failed", e);
            api.initError("Runtime.InitError", errorJson(e));
            System.exit(1);
            return;
        }
        StreamingRuntime runtime = new StreamingRuntime(api, handler, environment);
        if ("snap-start".equals(environment.get("AWS_LAMBDA_INITIALIZATION_TYPE"))) {
            api.restoreNext(); // the snapshot is taken during this call; it returns in each restored environment
        }
        while (true) {
            runtime.serveNext();
        }
    }

    /**
     * Takes one invocation from the Runtime API and answers it; then settles the call (after the response is closed)
     * and waits for every settlement before returning, so that the environment is never frozen with one half done.
     */
    void serveNext() throws IOException {
        RuntimeApi.Invocation invocation = api.next();
        if (invocation.traceId() != null) {
            System.setProperty("com.amazonaws.xray.traceHeader", invocation.traceId());
        }
        try {
            APIGatewayProxyResponseEvent response;
            try {
                APIGatewayProxyRequestEvent event =
                        json.readValue(invocation.event(), APIGatewayProxyRequestEvent.class);
                response = handler.handleRequest(event, new RuntimeContext(invocation, environment));
            } catch (IOException | RuntimeException e) {
                discardHandedOff();
                LOG.error("invocation {} failed before its response", invocation.requestId(), e);
                api.invocationError(invocation.requestId(), "Runtime.HandlerError", errorJson(e));
                return;
            }
            try {
                respond(invocation, response, delivery.take(), bodies.take());
            } catch (RuntimeException e) { // e.g. a body that is not the base64 it claims: answer it, serve the next
                LOG.error("invocation {} failed while its response was written", invocation.requestId(), e);
                try {
                    api.invocationError(invocation.requestId(), "Runtime.HandlerError", errorJson(e));
                } catch (IOException | RuntimeException late) { // the response had begun: the Runtime API ends it
                    LOG.warn("invocation {}: error not reported: {}", invocation.requestId(), late.toString());
                }
            }
        } finally {
            settle(invocation);
        }
    }

    /**
     * Clears what a failed invocation handed off, so that none of it is written after the next invocation's prelude:
     * its body is dropped, and its stream is subscribed and disposed at once, which closes the upstream and has the
     * relay settle the call (its reservation released). A complete answer's settlement is left for {@link #settle},
     * which runs it: it settles a call the upstream answered.
     */
    private void discardHandedOff() {
        bodies.discard();
        delivery.discardStream();
    }

    /** Runs the complete answer's settlement, if the response carried one, and waits for any stream's. */
    private void settle(RuntimeApi.Invocation invocation) {
        Runnable settlement = delivery.takeSettlement();
        if (settlement != null) {
            settlement.run();
        }
        try {
            if (!settlements.awaitSettled(SETTLE_WAIT_MS)) {
                LOG.warn("invocation {}: settlement still running after {} ms", invocation.requestId(), SETTLE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The prelude, then the stream's events, the handed-off body, or the response's own complete body.
     *
     * <p>A stream is settled by its relay, which starts only when the stream is subscribed. If it never is (the
     * prelude could not be encoded, the response stream could not be opened, the prelude could not be written), it
     * is subscribed and disposed here, which closes the upstream and settles the call (its reservation released,
     * its log line written). Only then: the stream is cold, and a second subscription would start a second relay.
     * A prelude that cannot be encoded answers the invocation with an error, as a handler failure does.
     */
    private void respond(
            RuntimeApi.Invocation invocation,
            APIGatewayProxyResponseEvent response,
            Flux<Event<String>> events,
            Writable body)
            throws IOException {
        AtomicBoolean subscribed = new AtomicBoolean();
        try {
            byte[] prelude;
            try {
                prelude = HttpIntegrationResponse.prelude(json, response);
            } catch (RuntimeException e) {
                LOG.error("invocation {}: could not encode the response prelude", invocation.requestId(), e);
                api.invocationError(invocation.requestId(), "Runtime.HandlerError", errorJson(e));
                return;
            }
            try (RuntimeApi.ResponseStream out = api.stream(invocation.requestId())) {
                if (events == null && body == null) {
                    out.write(concat(prelude, HttpIntegrationResponse.body(response)));
                    out.finish(null, null).expect(202);
                    return;
                }
                out.write(prelude);
                String failure =
                        events != null ? relay(events.doOnSubscribe(s -> subscribed.set(true)), out) : write(body, out);
                if (failure == null) {
                    out.finish(null, null);
                } else if (failure.isEmpty()) {
                    LOG.info("invocation {}: the stream's reader went away", invocation.requestId());
                } else {
                    out.finish(
                            "Runtime.StreamError",
                            Base64.getEncoder().encodeToString(failure.getBytes(StandardCharsets.UTF_8)));
                }
            } catch (IOException e) {
                LOG.warn("invocation {}: response stream closed: {}", invocation.requestId(), e.getMessage());
            }
        } finally {
            if (events != null && !subscribed.get()) {
                events.subscribe().dispose();
            }
        }
    }

    /**
     * Writes each event as it comes. Returns null when the stream ended, "" when the reader went away (the
     * subscription is cancelled, so the relay settles the call at what was produced), or the error's JSON.
     */
    private String relay(Flux<Event<String>> events, RuntimeApi.ResponseStream out) {
        try (Stream<Event<String>> stream = events.toStream(1)) {
            Iterator<Event<String>> it = stream.iterator();
            while (it.hasNext()) {
                try {
                    out.write(CallDelivery.sse(it.next()));
                } catch (IOException gone) {
                    return "";
                }
            }
            return null;
        } catch (RuntimeException e) {
            LOG.error("stream failed after its first byte", e);
            return errorJson(e);
        }
    }

    /**
     * Writes a handed-off body as bytes, in chunks as it is produced. Returns null when it was written, "" when the
     * reader went away, or the error's JSON when the body failed after the prelude.
     */
    private String write(Writable body, RuntimeApi.ResponseStream out) {
        BodyChunks chunks = new BodyChunks(out);
        try {
            OutputStream buffered = new BufferedOutputStream(chunks, BODY_CHUNK_BYTES);
            body.writeTo(buffered, StandardCharsets.UTF_8);
            buffered.flush();
            return null;
        } catch (IOException | RuntimeException e) {
            if (chunks.readerGone) {
                return "";
            }
            LOG.error("body failed after its first byte", e);
            return errorJson(e);
        }
    }

    /** Lambda's response stream as an {@link OutputStream}: each write one chunk; remembers a failed write. */
    private static final class BodyChunks extends OutputStream {
        private final RuntimeApi.ResponseStream out;
        private boolean readerGone;

        BodyChunks(RuntimeApi.ResponseStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                readerGone = true;
                throw e;
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String errorJson(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "{\"errorMessage\":\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\",\"errorType\":\""
                + e.getClass().getName() + "\"}";
    }
}
