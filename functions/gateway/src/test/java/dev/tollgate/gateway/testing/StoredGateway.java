package dev.tollgate.gateway.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway on Netty over a fresh DynamoDB Local table, with a {@link MutableClock} a day ahead of the wall
 * clock (a call's start is wall time, its end the gateway's clock), the master key and key lookups uncached.
 */
public final class StoredGateway implements AutoCloseable {
    public static final String MASTER = "sk-stored-master";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    public final EmbeddedServer server;
    public final DynamoDbClient dynamo;
    public final String table;
    public final MutableClock clock;

    private StoredGateway(EmbeddedServer server, DynamoDbClient dynamo, String table, MutableClock clock) {
        this.server = server;
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public static StoredGateway start(String configYaml) {
        return start(configYaml, DynamoDbLocal.endpoint());
    }

    /** The same, with the gateway's DynamoDB requests sent to {@code endpoint} (a {@link SettleGate} in front). */
    public static StoredGateway start(String configYaml, String endpoint) {
        DynamoDbClient dynamo = DynamoDbLocal.client();
        String table = DynamoDbLocal.createTable(dynamo, "gw");
        MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofDays(1)));
        EmbeddedServer server = ApplicationContext.builder()
                .singletons(clock)
                .properties(Map.of(
                        "micronaut.server.port",
                        -1,
                        "tollgate.master-key",
                        MASTER,
                        "tollgate.config-yaml",
                        configYaml,
                        "tollgate.storage.table",
                        table,
                        "tollgate.storage.dynamodb-endpoint",
                        endpoint,
                        "tollgate.storage.region",
                        "us-east-1",
                        "tollgate.auth.cache-seconds",
                        0))
                .run(EmbeddedServer.class);
        return new StoredGateway(server, dynamo, table, clock);
    }

    /** A new virtual key from {@code /key/generate} with these settings. */
    public String key(String settings) {
        HttpResponse<String> created = post("/key/generate", settings, MASTER);
        if (created.statusCode() != 200) {
            throw new IllegalStateException(created.body());
        }
        return json(created.body()).path("key").asText();
    }

    /** The spend-log line of a response's call ({@link LoggedLines#await}: a stream's may land just after it). */
    public JsonNode logLine(HttpResponse<String> response) {
        String requestId =
                response.headers().firstValue("x-tollgate-request-id").orElseThrow();
        return json(LoggedLines.await(dynamo, table, requestId));
    }

    public HttpResponse<String> post(String path, String body, String key) {
        return post(path, body, key, Map.of());
    }

    public HttpResponse<String> post(String path, String body, String key, Map<String, String> headers) {
        HttpRequest.Builder b = request(path, key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    public HttpResponse<String> get(String path, String key) {
        return send(request(path, key).GET().build());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(text, e);
        }
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        return key == null ? b : b.header("authorization", "Bearer " + key);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        dynamo.close();
    }
}
