package dev.tollgate.gateway.providers.bedrock;

import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.providers.UpstreamStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * A ConverseStream call turned from the SDK's push model into the relay's pull model: the SDK's
 * subscriber puts events on a queue, {@link #next()} takes them and maps each with
 * {@link BedrockStream}. {@link #awaitFirst} waits for the first event (or the failure that came
 * instead), so the provider can still retry; after it, failures are thrown from {@link #next()}.
 * A stream silent for longer than the call's timeout is abandoned with a 504.
 */
final class BedrockUpstreamStream implements UpstreamStream {
    private static final Object END = new Object();

    private record Failed(Throwable error) {}

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Deque<String> pending = new ArrayDeque<>();
    private final Function<String, BedrockStream> mapperForId;
    private final Duration timeout;
    private final Function<Throwable, GatewayException> errors;
    private final CompletableFuture<Void> call;
    private volatile Subscription subscription;
    private volatile String requestId;
    private BedrockStream mapper;
    private int attempts = 1;
    private boolean ended;

    BedrockUpstreamStream(
            BedrockRuntimeAsyncClient client,
            ConverseStreamRequest request,
            Duration timeout,
            Function<String, BedrockStream> mapperForId,
            Function<Throwable, GatewayException> errors) {
        this.timeout = timeout;
        this.mapperForId = mapperForId;
        this.errors = errors;
        Subscriber<ConverseStreamOutput> events = new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription = s;
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ConverseStreamOutput event) {
                queue.add(event);
            }

            @Override
            public void onError(Throwable t) {
                // the call's future fails with the same error; it is queued from there
            }

            @Override
            public void onComplete() {
                // the call's future completes next; END is queued from there
            }
        };
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .onResponse(response -> requestId = response.responseMetadata().requestId())
                .onEventStream(publisher -> publisher.subscribe(events))
                .build();
        this.call = client.converseStream(request, handler);
        call.whenComplete((ignored, error) -> queue.add(error == null ? END : new Failed(error)));
    }

    /** Waits for the first event: null once it came, or the error that came instead. */
    Throwable awaitFirst(int attempts) {
        this.attempts = attempts;
        Object first = poll();
        if (first instanceof Failed failed) {
            ended = true;
            return failed.error();
        }
        if (first == END) {
            ended = true;
            return GatewayException.upstreamUnavailable("Bedrock ended the stream before sending anything");
        }
        pending.addAll(mapper().accept((ConverseStreamOutput) first));
        return null;
    }

    @Override
    public String next() {
        while (pending.isEmpty()) {
            if (ended) {
                return null;
            }
            Object item = poll();
            if (item == END) {
                ended = true;
                if (!mapper().finished()) {
                    throw GatewayException.upstreamUnavailable("Bedrock ended the stream before messageStop");
                }
            } else if (item instanceof Failed failed) {
                ended = true;
                throw errors.apply(failed.error());
            } else {
                pending.addAll(mapper().accept((ConverseStreamOutput) item));
            }
        }
        return pending.poll();
    }

    private Object poll() {
        try {
            Object item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                close();
                throw GatewayException.upstreamTimeout("Bedrock sent nothing for " + timeout.toSeconds() + " s");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw GatewayException.upstreamUnavailable("Interrupted while reading the Bedrock stream");
        }
    }

    private BedrockStream mapper() {
        if (mapper == null) {
            mapper = mapperForId.apply("chatcmpl-"
                    + (requestId != null ? requestId : UUID.randomUUID().toString()));
        }
        return mapper;
    }

    @Override
    public int attempts() {
        return attempts;
    }

    @Override
    public void close() {
        Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        call.cancel(true);
    }
}
