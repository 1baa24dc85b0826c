package dev.tollgate.gateway.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetLedger;
import dev.tollgate.gateway.budget.DynamoDbBudgetLedger;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import dev.tollgate.gateway.testing.MutableClock;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway on Netty with its own DynamoDB client pointed at DynamoDB Local (a fresh table of the
 * production shape), the key cache off, and a budget ledger on the same table. One per test class.
 */
final class AdminServer implements AutoCloseable {
    static final String MASTER = "sk-master-admin-tests";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    final EmbeddedServer server;
    final DynamoDbClient dynamo;
    final String table;
    /** The gateway's clock: tests move it instead of sleeping (key expiry, grace periods). */
    final MutableClock clock;

    private AdminServer(EmbeddedServer server, DynamoDbClient dynamo, String table, MutableClock clock) {
        this.server = server;
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    static AdminServer start() {
        DynamoDbClient dynamo = DynamoDbLocal.client();
        String table = DynamoDbLocal.createTable(dynamo, "admin");
        MutableClock clock = new MutableClock(Instant.now());
        EmbeddedServer server = ApplicationContext.builder()
                .singletons(clock)
                .properties(Map.of(
                        "micronaut.server.port",
                        -1,
                        "tollgate.master-key",
                        MASTER,
                        "tollgate.storage.table",
                        table,
                        "tollgate.storage.dynamodb-endpoint",
                        DynamoDbLocal.endpoint(),
                        "tollgate.storage.region",
                        "us-east-1",
                        "tollgate.auth.cache-seconds",
                        0))
                .run(EmbeddedServer.class);
        ApplicationContext context = server.getApplicationContext();
        if (!context.containsBean(BudgetLedger.class)) {
            // Until the budget engine provides its bean: the same ledger class on the same table.
            context.registerSingleton(
                    BudgetLedger.class, new DynamoDbBudgetLedger(dynamo, table, ZoneOffset.UTC, clock));
        }
        return new AdminServer(server, dynamo, table, clock);
    }

    BudgetLedger ledger() {
        return server.getApplicationContext().getBean(BudgetLedger.class);
    }

    Response post(String path, String json) {
        return post(path, json, MASTER);
    }

    Response post(String path, String json, String key) {
        HttpRequest.Builder request = request(path, key)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(request);
    }

    Response get(String path) {
        return get(path, MASTER);
    }

    Response get(String path, String key) {
        return send(request(path, key).GET());
    }

    @Override
    public void close() {
        server.close();
        dynamo.close();
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        if (key != null) {
            builder.header("authorization", "Bearer " + key);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(), body.isEmpty() ? null : JSON.readTree(body), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, parsed body (decimals exact) and raw text. */
    record Response(int status, JsonNode body, String raw) {
        JsonNode error() {
            return body.path("error");
        }

        /** The OpenAI error's param, for validation checks. */
        String param() {
            return error().path("param").asText(null);
        }

        String code() {
            return error().path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }
}
