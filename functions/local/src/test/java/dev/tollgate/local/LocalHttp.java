package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** HTTP calls to a {@link LocalGateway} for the tests here: one request, optionally with a bearer key. */
final class LocalHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalHttp() {}

    /** {@code method path} with {@code body} (null for none) and {@code key} as the bearer (null for none). */
    static HttpResponse<String> sendRaw(LocalGateway gateway, String method, String path, String body, String key)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #sendRaw}, asserting the status; the body. */
    static String send(LocalGateway gateway, String method, String path, String body, String key, int expected)
            throws Exception {
        HttpResponse<String> r = sendRaw(gateway, method, path, body, key);
        assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body();
    }

    /** A chat completion on {@code mock-gpt-4o-mini} (one "hi", 16 tokens at most) with {@code key} as the bearer. */
    static HttpResponse<String> chat(LocalGateway gateway, String key) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                        .header("authorization", "Bearer " + key)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock-gpt-4o-mini\",\"max_tokens\":16,"
                                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
