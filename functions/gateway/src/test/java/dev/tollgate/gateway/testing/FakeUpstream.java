package dev.tollgate.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible upstream on loopback that replays recorded response shapes (files under
 * {@code /upstream/}), in the order they are queued, and records every request it receives.
 * When the queue is empty it answers with the last reply queued as default.
 */
public final class FakeUpstream implements AutoCloseable {
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile Reply fallback = Reply.json(200, resource("/upstream/openai/chat-completion.json"));

    /** One canned answer. A stream is sent event by event with a pause between events. */
    public record Reply(int status, String contentType, String body, long eventDelayMs, long hangMs) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, 0, 0);
        }

        public static Reply sse(String body, long eventDelayMs) {
            return new Reply(200, "text/event-stream", body, eventDelayMs, 0);
        }

        public static Reply hang(long millis) {
            return new Reply(200, "application/json", resource("/upstream/openai/chat-completion.json"), 0, millis);
        }
    }

    /** A request the fake received. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final java.util.Queue<java.time.Instant> eventsSent = new java.util.concurrent.ConcurrentLinkedQueue<>();

    public FakeUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public FakeUpstream enqueue(Reply reply) {
        replies.add(reply);
        return this;
    }

    public FakeUpstream byDefault(Reply reply) {
        this.fallback = reply;
        return this;
    }

    /** When each SSE event was flushed to the gateway, in order. */
    public List<java.time.Instant> eventsSent() {
        return List.copyOf(eventsSent);
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    public void reset() {
        replies.clear();
        requests.clear();
    }

    public static String resource(String path) {
        try (InputStream in = Objects.requireNonNull(FakeUpstream.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                body));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = fallback;
        }
        try {
            if (reply.hangMs() > 0) {
                Thread.sleep(reply.hangMs());
            }
            exchange.getResponseHeaders().add("content-type", reply.contentType());
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType().equals("text/event-stream")) {
                exchange.sendResponseHeaders(reply.status(), 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (String event : reply.body().split("\n\n")) {
                        if (event.isBlank()) {
                            continue;
                        }
                        out.write((event + "\n\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        eventsSent.add(java.time.Instant.now());
                        if (reply.eventDelayMs() > 0) {
                            Thread.sleep(reply.eventDelayMs());
                        }
                    }
                }
            } else {
                exchange.sendResponseHeaders(reply.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // the gateway closed the connection (timeout or abort): nothing to answer
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
