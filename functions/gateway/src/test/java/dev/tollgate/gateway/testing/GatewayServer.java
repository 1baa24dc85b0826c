package dev.tollgate.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway on Netty for a test class, with an inline {@code tollgate.yml} and the master key, plus the
 * HTTP calls and SSE parsing the proxy tests share.
 */
public final class GatewayServer implements AutoCloseable {
    public static final String MASTER_KEY = "sk-test-master";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final EmbeddedServer server;

    private GatewayServer(EmbeddedServer server) {
        this.server = server;
    }

    public static GatewayServer start(String configYaml) {
        return start(configYaml, Map.of());
    }

    public static GatewayServer start(String configYaml, Map<String, Object> extraProperties) {
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.put("micronaut.server.port", -1);
        properties.put("tollgate.master-key", MASTER_KEY);
        properties.put("tollgate.config-yaml", configYaml);
        return new GatewayServer(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }

    /** POSTs JSON with the master key. */
    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("authorization", "Bearer " + MASTER_KEY)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** GETs with the master key. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("authorization", "Bearer " + MASTER_KEY)
                .build());
    }

    /** A one-message chat body; a streamed one asks for the usage chunk. */
    public static String chatBody(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":" + stream
                + (stream ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    /** The JSON chunks of an SSE body ({@code data:} lines, without {@code [DONE]}). */
    public static List<JsonNode> chunks(String sse) throws IOException {
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data:") && !line.contains("[DONE]")) {
                chunks.add(JSON.readTree(line.substring(5).trim()));
            }
        }
        return chunks;
    }

    /** The {@code error} object of an error response. */
    public static JsonNode error(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).path("error");
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
