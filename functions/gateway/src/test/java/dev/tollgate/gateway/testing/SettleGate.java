package dev.tollgate.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy in front of DynamoDB Local that, while {@link #hold held}, keeps the gateway's <b>settle</b>
 * transactions (a {@code TransactWriteItems} that deletes a {@code RESV#} reservation) waiting until {@link #release};
 * every other request passes straight through. A test points the gateway's DynamoDB endpoint here to see what the client has
 * while the settle transaction waits.
 */
public final class SettleGate implements AutoCloseable {
    private static final Set<String> HOP_BY_HOP =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger held = new AtomicInteger();

    public SettleGate(String dynamoDbEndpoint) throws IOException {
        this.target = URI.create(dynamoDbEndpoint);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::forward);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many settle transactions are waiting at the gate now. */
    public int held() {
        return held.get();
    }

    /** From now on, settle transactions wait at the gate. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets every held and future settle transaction through. */
    public void release() {
        gate.countDown();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (isSettle(exchange, body)) {
                held.incrementAndGet();
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new IOException("the gate was never opened");
                    }
                } finally {
                    held.decrementAndGet();
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, List.copyOf(values));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isSettle(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("x-amz-target");
        if (target == null || !target.endsWith(".TransactWriteItems")) {
            return false;
        }
        String json = new String(body, StandardCharsets.UTF_8);
        int delete = json.indexOf("\"Delete\"");
        return delete >= 0 && json.indexOf("RESV#", delete) >= 0;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
