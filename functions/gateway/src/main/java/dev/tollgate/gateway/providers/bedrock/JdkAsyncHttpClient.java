package dev.tollgate.gateway.providers.bedrock;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.reactivestreams.FlowAdapters;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;
import software.amazon.awssdk.utils.async.SimplePublisher;

/**
 * The AWS SDK's async HTTP SPI on the JDK's {@link HttpClient}. ConverseStream exists only on the
 * async Bedrock client, whose stock HTTP clients are Netty (excluded: Micronaut's Netty 4.2 clashes
 * with the SDK's 4.1) and the CRT (a native jar of several MB, too much for the Lambda artifact). This
 * one adds nothing to the jar: the request body is bridged to the JDK client as a Flow publisher, and
 * the response body is read on a virtual thread and handed on through a {@link SimplePublisher}, one
 * buffer per subscriber demand. HTTP/1.1, as the SDK uses for ConverseStream. Signing (SigV4 over
 * {@code host}) still holds: the JDK sends the same {@code Host} the SDK signed.
 */
final class JdkAsyncHttpClient implements SdkAsyncHttpClient {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final HttpClient client;
    private final Duration responseTimeout;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    JdkAsyncHttpClient(Duration connectTimeout, Duration responseTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(readers)
                .build();
        this.responseTimeout = responseTimeout;
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        SdkAsyncHttpResponseHandler handler = request.responseHandler();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<HttpResponse<InputStream>> sent;
        try {
            sent = client.sendAsync(
                    toJdk(request.request(), request.requestContentPublisher()),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (RuntimeException e) {
            handler.onError(e);
            done.completeExceptionally(e);
            return done;
        }
        done.whenComplete((ignored, error) -> {
            if (error != null) {
                sent.cancel(true);
            }
        });
        sent.whenComplete((response, error) -> {
            if (error != null) {
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                handler.onError(cause);
                done.completeExceptionally(cause);
                return;
            }
            done.whenComplete((ignored, failure) -> closeQuietly(response.body()));
            if (done.isDone()) {
                return;
            }
            handler.onHeaders(SdkHttpFullResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .build());
            SimplePublisher<ByteBuffer> body = new SimplePublisher<>();
            handler.onStream(body);
            readers.execute(() -> pump(response.body(), body, done));
        });
        return done;
    }

    private HttpRequest toJdk(SdkHttpRequest request, SdkHttpContentPublisher content) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri()).timeout(responseTimeout);
        request.forEachHeader((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        long length = content == null ? 0 : content.contentLength().orElse(-1L);
        HttpRequest.BodyPublisher body;
        if (content == null || length == 0) {
            body = HttpRequest.BodyPublishers.noBody();
        } else if (length > 0) {
            body = HttpRequest.BodyPublishers.fromPublisher(FlowAdapters.toFlowPublisher(content), length);
        } else {
            body = HttpRequest.BodyPublishers.fromPublisher(FlowAdapters.toFlowPublisher(content));
        }
        return builder.method(request.method().name(), body).build();
    }

    /** Reads the body and sends it on, waiting for each buffer to be taken (back-pressure by blocking). */
    private static void pump(InputStream in, SimplePublisher<ByteBuffer> body, CompletableFuture<Void> done) {
        byte[] buffer = new byte[16 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0 && !done.isDone()) {
                if (n > 0) {
                    body.send(ByteBuffer.wrap(Arrays.copyOf(buffer, n))).join();
                }
            }
            body.complete();
            done.complete(null);
        } catch (IOException | RuntimeException e) {
            body.error(e);
            done.completeExceptionally(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
    }

    @Override
    public String clientName() {
        return "JdkHttpClient";
    }

    @Override
    public void close() {
        readers.shutdownNow();
        client.shutdownNow();
    }
}
