package dev.tollgate.gateway.providers;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.errors.GatewayException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP client for every upstream: JDK {@link HttpClient} (HTTP/2 where the server offers it,
 * pooled connections), retries with jittered backoff on 429, 5xx and connection errors, and the
 * mapping of transport failures to 502 (unreachable) and 504 (timed out). Retries happen only before a
 * response is handed to the caller, so a stream that has started is never retried.
 */
@Singleton
public class UpstreamHttp {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamHttp.class);

    private final HttpClient client;
    private final Backoff backoff;

    public UpstreamHttp(GatewayConfig config) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                // The client's own completion stages run where they complete (its selector thread) rather than
                // each on a new thread: they only hand buffers to the body's InputStream, which the calling thread
                // reads. A thread per stage was the largest share of the gateway's CPU per call in a JFR profile
                // of bench/overhead.sh (docs/benchmarks.md, "Where the time goes").
                .executor(Runnable::run)
                .build();
        this.backoff = new Backoff(Duration.ofMillis(config.settings().retryBaseDelay()), Duration.ofSeconds(8));
    }

    /** A response with status 2xx or a non-retryable status, and how many attempts it took. */
    public record Attempted(HttpResponse<InputStream> response, int attempts) {}

    public Attempted send(Supplier<HttpRequest> request, int maxRetries, String upstreamName) {
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= maxRetries;
            try {
                HttpResponse<InputStream> response =
                        client.send(request.get(), HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if ((status == 429 || status >= 500) && !last) {
                    Duration wait = backoff.delay(attempt, retryAfter(response));
                    LOG.warn(
                            "{} answered {}; retry {} of {} in {} ms",
                            upstreamName,
                            status,
                            attempt + 1,
                            maxRetries,
                            wait.toMillis());
                    discard(response);
                    Backoff.sleep(wait);
                    continue;
                }
                return new Attempted(response, attempt + 1);
            } catch (HttpConnectTimeoutException e) {
                if (last) {
                    throw unreachable(upstreamName, attempt, e);
                }
            } catch (HttpTimeoutException e) {
                throw GatewayException.upstreamTimeout("Upstream " + upstreamName + " did not answer in time");
            } catch (IOException e) {
                if (last) {
                    throw unreachable(upstreamName, attempt, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw GatewayException.upstreamUnavailable("Interrupted while calling " + upstreamName);
            }
            Duration wait = backoff.delay(attempt, null);
            LOG.warn("{} unreachable; retry {} of {} in {} ms", upstreamName, attempt + 1, maxRetries, wait.toMillis());
            Backoff.sleep(wait);
        }
    }

    private static GatewayException unreachable(String upstreamName, int attempt, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return GatewayException.upstreamUnavailable(
                "Could not reach upstream " + upstreamName + " after " + (attempt + 1) + " attempt(s): " + reason);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers()
                .firstValue("retry-after")
                .map(v -> {
                    try {
                        return Duration.ofSeconds(Long.parseLong(v.trim()));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                })
                .orElse(null);
    }

    private static void discard(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the connection is dropped instead of reused; nothing else to do
        }
    }
}
