package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.storage.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, in process, in memory, on a loopback port: started once for the whole test JVM
 * (so at most once per test class) and stopped when the JVM exits. Each test gets its own table.
 */
final class LocalDynamo {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static String endpoint;

    private LocalDynamo() {
    }

    static synchronized String endpoint() {
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

    /** A client for the local server; DynamoDB Local accepts only letters and digits in access keys. */
    static DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("tollgatelocal", "tollgatelocal")))
                .overrideConfiguration(c -> {
                    for (ExecutionInterceptor i : interceptors) {
                        c.addExecutionInterceptor(i);
                    }
                })
                .build();
    }

    /**
     * Creates a fresh table with the production definition and returns its name. TTL stays off:
     * DynamoDB Local does delete expired items (within seconds), judged by the wall clock, and the
     * tests' clock sits in March 2026, so minute counters and in-flight items would vanish mid-test.
     */
    static String createTable(DynamoDbClient client) {
        String name = "rate-" + TABLES.incrementAndGet();
        client.createTable(TableDefinition.createTableRequest(name));
        return name;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
