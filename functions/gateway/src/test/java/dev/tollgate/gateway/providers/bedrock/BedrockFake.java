package dev.tollgate.gateway.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.gateway.testing.FakeUpstream;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Bedrock runtime on loopback, speaking the wire protocol the SDK expects: Converse is JSON over HTTP
 * ({@code POST /model/{modelId}/converse}); ConverseStream ({@code …/converse-stream}) answers
 * {@code application/vnd.amazon.eventstream} frames; errors are JSON with the error code in
 * {@code x-amzn-ErrorType}. Replays recorded shapes from {@code /upstream/bedrock/} in the order queued
 * and records every request.
 */
public final class BedrockFake implements AutoCloseable {
    public static final String REQUEST_ID = "9d1e7f4c-2b7a-4a53-8a8c-5c1f0e6a2b11";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One canned answer: a JSON body (error code set for errors), or event-stream frames. */
    public record Reply(int status, String errorType, String json, List<byte[]> frames) {
        public static Reply json(String resource) {
            return new Reply(200, null, FakeUpstream.resource(resource), null);
        }

        public static Reply error(int status, String errorType, String resource) {
            return new Reply(status, errorType, FakeUpstream.resource(resource), null);
        }

        /** Frames from a recorded list of {@code {"event": …, "payload": {…}}}. */
        public static Reply stream(String resource) {
            return frames(events(resource));
        }

        public static Reply frames(List<byte[]> frames) {
            return new Reply(200, null, null, frames);
        }
    }

    /** A request the fake received; {@code rawPath} keeps the URL encoding of the model id. */
    public record Recorded(String rawPath, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    public BedrockFake() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void enqueue(Reply reply) {
        replies.add(reply);
    }

    public List<Recorded> requests() {
        return new ArrayList<>(requests);
    }

    public void reset() {
        replies.clear();
        requests.clear();
    }

    static List<byte[]> events(String resource) {
        List<byte[]> frames = new ArrayList<>();
        try {
            for (JsonNode event : JSON.readTree(FakeUpstream.resource(resource))) {
                frames.add(EventStreamEncoder.event(
                        event.path("event").asText(), event.path("payload").toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return frames;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests.add(
                new Recorded(exchange.getRequestURI().getRawPath(), Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply = replies.poll();
        if (reply == null) {
            reply = new Reply(500, "InternalServerException", "{\"message\":\"BedrockFake: no reply queued\"}", null);
        }
        exchange.getResponseHeaders().add("x-amzn-RequestId", REQUEST_ID);
        try (OutputStream out = exchange.getResponseBody()) {
            if (reply.frames() != null) {
                exchange.getResponseHeaders().add("content-type", "application/vnd.amazon.eventstream");
                exchange.sendResponseHeaders(200, 0);
                for (byte[] frame : reply.frames()) {
                    out.write(frame);
                    out.flush();
                }
                return;
            }
            if (reply.errorType() != null) {
                exchange.getResponseHeaders()
                        .add(
                                "x-amzn-ErrorType",
                                reply.errorType() + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
            }
            exchange.getResponseHeaders().add("content-type", "application/json");
            byte[] bytes = reply.json().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            out.write(bytes);
        } catch (IOException clientWentAway) {
            // the gateway closed the stream: nothing more to send
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
