package dev.tollgate.gateway.testing;

import dev.tollgate.gateway.storage.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, in process, in memory, on a loopback port: started lazily on first use, once for
 * the whole test JVM, shared by every test class, and stopped when the JVM exits. Tests stay apart by
 * table, not by server: each test (or test class) creates its own table with a name no other has.
 *
 * <p>TTL must not be enabled on test tables: DynamoDB Local does delete expired items (within
 * seconds), judged by the real wall clock, not the test's clock, and the tests' clocks sit in March
 * 2026, so reservations, log items, minute counters and in-flight items would vanish mid-test.
 */
public final class DynamoDbLocal {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("tollgatelocal", "tollgatelocal"));
    private static String endpoint;

    private DynamoDbLocal() {}

    /** The local endpoint ({@code http://127.0.0.1:port}), starting the server on first use. */
    public static synchronized String endpoint() {
        if (endpoint == null) {
            try {
                int port = freePort();
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-disableTelemetry", "-port", String.valueOf(port)});
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // the JVM is exiting
                    }
                }));
                endpoint = "http://127.0.0.1:" + port;
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
        }
        return endpoint;
    }

    /**
     * A new client for the local server, with the given interceptors (for instance a
     * {@link CapturingInterceptor}); DynamoDB Local accepts only letters and digits in access keys.
     * The caller closes it.
     */
    public static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .build();
    }

    /** A new DynamoDB Streams client for the local server. The caller closes it. */
    public static DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .build();
    }

    /**
     * Creates a fresh table with the production definition ({@link TableDefinition}) and returns its
     * name: {@code prefix-N}, N unique in this JVM. TTL stays off (see the class comment).
     */
    public static String createTable(DynamoDbClient client, String prefix) {
        String name = prefix + "-" + TABLES.incrementAndGet();
        client.createTable(TableDefinition.createTableRequest(name));
        return name;
    }

    /** Every item of the table. */
    public static List<Map<String, AttributeValue>> scan(DynamoDbClient client, String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = client.scan(b -> b.tableName(table).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
