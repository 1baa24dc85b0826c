package dev.tollgate.gateway.lambda;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stand-in for the Lambda Runtime API on the loopback interface, speaking the bytes Lambda does: it hands out
 * queued events on {@code GET …/invocation/next} with Lambda's headers, and records each streamed response as it
 * arrives: the request headers, every chunk with the instant it came in, and the trailers. A response can be cut
 * after a number of chunks, as when the client behind API Gateway goes away.
 */
final class LoopbackRuntimeApi implements AutoCloseable {

    /** One chunk of a response body and when it arrived. */
    record Chunk(byte[] bytes, Instant at) {}

    /** A response as Lambda received it. */
    static final class Response {
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final List<Chunk> chunks = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> trailers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final CompletableFuture<Response> done = new CompletableFuture<>();

        byte[] body() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            synchronized (chunks) {
                chunks.forEach(c -> all.writeBytes(c.bytes()));
            }
            return all.toByteArray();
        }
    }

    private record Queued(String requestId, String event, Response response, int cutAfterChunks) {}

    private final ServerSocket server;
    private final BlockingQueue<Queued> events = new LinkedBlockingQueue<>();
    private final Map<String, Queued> byId = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    LoopbackRuntimeApi() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Queues an event; its response is recorded in full. */
    Response invoke(String requestId, String event) {
        return invoke(requestId, event, Integer.MAX_VALUE);
    }

    /** Queues an event whose response connection is closed after {@code cutAfterChunks} body chunks. */
    Response invoke(String requestId, String event, int cutAfterChunks) {
        Queued queued = new Queued(requestId, event, new Response(), cutAfterChunks);
        byId.put(requestId, queued);
        events.add(queued);
        return queued.response();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] request = RuntimeApi.line(in).split(" ");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (String line = RuntimeApi.line(in); line != null && !line.isEmpty(); line = RuntimeApi.line(in)) {
                int colon = line.indexOf(':');
                headers.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
            String path = request[1];
            OutputStream out = socket.getOutputStream();
            if (path.endsWith("/runtime/invocation/next")) {
                Queued next = events.take();
                byte[] body = next.event().getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 200 OK\r\n"
                                + "Lambda-Runtime-Aws-Request-Id: " + next.requestId() + "\r\n"
                                + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 120_000) + "\r\n"
                                + "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:eu-west-1:123456789012:function:tollgate-proxy:live\r\n"
                                + "Lambda-Runtime-Trace-Id: Root=1-00000000-000000000000000000000000\r\n"
                                + "Content-Type: application/json\r\n"
                                + "Content-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } else if (path.endsWith("/response")) {
                Queued queued = byId.get(path.split("/")[4]);
                Response response = queued.response();
                response.headers.putAll(headers);
                if (readChunks(in, response, queued.cutAfterChunks())) {
                    out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                response.done.complete(response);
            } else {
                int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
                errors.add(path + " " + headers.get(RuntimeApi.ERROR_TYPE) + " "
                        + new String(in.readNBytes(length), StandardCharsets.UTF_8));
                out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a chunked body; returns false when it cut the connection instead of reading to the end. */
    private static boolean readChunks(InputStream in, Response response, int cutAfterChunks) throws IOException {
        while (true) {
            int size = Integer.parseInt(RuntimeApi.line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                for (String line = RuntimeApi.line(in); line != null && !line.isEmpty(); line = RuntimeApi.line(in)) {
                    int colon = line.indexOf(':');
                    response.trailers.put(
                            line.substring(0, colon).trim(),
                            line.substring(colon + 1).trim());
                }
                return true;
            }
            byte[] bytes = in.readNBytes(size);
            response.chunks.add(new Chunk(bytes, Instant.now()));
            RuntimeApi.line(in);
            if (response.chunks.size() >= cutAfterChunks) {
                return false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
