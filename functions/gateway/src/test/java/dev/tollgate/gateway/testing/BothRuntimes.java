package dev.tollgate.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.lambda.ProxyHandler;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The gateway in both its runtimes at once, over one fresh DynamoDB Local table: the Netty server and the
 * Lambda handler, each with its own application context, plus a virtual key (no limits) made with the master
 * key. Other properties (a datasource for the control plane…) come from {@code extra}, asked once per context.
 */
public final class BothRuntimes implements AutoCloseable {
    public static final String MASTER = "sk-master-both-runtimes";
    private static final ObjectMapper JSON = new ObjectMapper();

    public final EmbeddedServer server;
    public final ProxyHandler handler;
    public final RouteCaller netty;
    public final RouteCaller lambda;
    public final String virtualKey;
    private final DynamoDbClient dynamo;

    private BothRuntimes(EmbeddedServer server, ProxyHandler handler, DynamoDbClient dynamo) {
        this.server = server;
        this.handler = handler;
        this.dynamo = dynamo;
        this.netty = RouteCaller.netty(server);
        this.lambda = RouteCaller.lambda(handler);
        RouteCaller.Answer key = netty.call("POST", "/key/generate", MASTER);
        if (key.status() != 200) {
            throw new IllegalStateException(key.body());
        }
        try {
            this.virtualKey = JSON.readTree(key.body()).path("key").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BothRuntimes start(Supplier<Map<String, Object>> extra) {
        DynamoDbClient dynamo = DynamoDbLocal.client();
        Map<String, Object> properties = Map.of(
                "tollgate.master-key",
                MASTER,
                "tollgate.storage.table",
                DynamoDbLocal.createTable(dynamo, "runtimes"),
                "tollgate.storage.dynamodb-endpoint",
                DynamoDbLocal.endpoint(),
                "tollgate.storage.region",
                "us-east-1",
                "tollgate.auth.cache-seconds",
                0);
        Map<String, Object> netty = new HashMap<>(properties);
        netty.putAll(extra.get());
        netty.put("micronaut.server.port", -1);
        Map<String, Object> lambda = new HashMap<>(properties);
        lambda.putAll(extra.get());
        EmbeddedServer server = ApplicationContext.builder().properties(netty).run(EmbeddedServer.class);
        ProxyHandler handler =
                new ProxyHandler(ApplicationContext.builder().properties(lambda).start());
        return new BothRuntimes(server, handler, dynamo);
    }

    /** The Netty server's context (its router holds the same routes as the handler's). */
    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    @Override
    public void close() {
        handler.close();
        server.close();
        dynamo.close();
    }
}
