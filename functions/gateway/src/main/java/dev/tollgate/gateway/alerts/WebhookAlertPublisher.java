package dev.tollgate.gateway.alerts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs the alert's JSON payload ({@link AlertMessage#json}) to a URL, for local setups (a Slack
 * relay, a test receiver). A status outside 2xx or an I/O error throws, so the caller may retry.
 */
public class WebhookAlertPublisher implements AlertPublisher {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI url;

    public WebhookAlertPublisher(URI url) {
        this(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), url);
    }

    public WebhookAlertPublisher(HttpClient http, URI url) {
        this.http = http;
        this.url = url;
    }

    @Override
    public void publish(AlertEvent event) {
        publish(AlertMessage.of(event));
    }

    @Override
    public void publish(AlertMessage message) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("content-type", "application/json")
                .header("user-agent", "tollgate-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(message.json()))
                .build();
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(this + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while posting to " + this, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(this + " answered HTTP " + response.statusCode());
        }
    }

    /** Scheme, host and port only: webhook paths often carry a token (Slack, Teams). */
    @Override
    public String toString() {
        return "webhook " + url.getScheme() + "://" + url.getAuthority() + "/...";
    }
}
