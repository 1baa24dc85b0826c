package dev.tollgate.gateway.lambda;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Lambda Runtime API over plain HTTP/1.1 on a socket (docs/decisions.md, "Streaming on Lambda"): the JDK's
 * HttpClient cannot send a chunked request with trailers, which is how a streamed response reports an error
 * after its first byte. One connection per request; the Runtime API is on the loopback interface. Not final: tests
 * make its response stream fail.
 */
class RuntimeApi {
    static final String VERSION = "/2018-06-01";
    static final String STREAMING_CONTENT_TYPE = "application/vnd.awslambda.http-integration-response";
    static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    static final String ERROR_BODY = "Lambda-Runtime-Function-Error-Body";

    private final String host;
    private final int port;

    /** @param address {@code AWS_LAMBDA_RUNTIME_API}: host and port */
    RuntimeApi(String address) {
        int colon = address.lastIndexOf(':');
        this.host = address.substring(0, colon);
        this.port = Integer.parseInt(address.substring(colon + 1));
    }

    /** One invocation: its id, deadline, function ARN, trace header and event. */
    record Invocation(String requestId, long deadlineMs, String functionArn, String traceId, byte[] event) {}

    /** Blocks until Lambda has an event for this environment. */
    Invocation next() throws IOException {
        Reply reply = exchange("GET", VERSION + "/runtime/invocation/next", null, null);
        reply.expect(200);
        return new Invocation(
                reply.header("lambda-runtime-aws-request-id"),
                Long.parseLong(reply.headers().getOrDefault("lambda-runtime-deadline-ms", "0")),
                reply.header("lambda-runtime-invoked-function-arn"),
                reply.header("lambda-runtime-trace-id"),
                reply.body());
    }

    /** SnapStart: returns when the environment resumes from the snapshot taken during this call. */
    void restoreNext() throws IOException {
        exchange("GET", VERSION + "/runtime/restore/next", null, null).expect(200);
    }

    void initError(String type, String json) throws IOException {
        exchange("POST", VERSION + "/runtime/init/error", type, json.getBytes(StandardCharsets.UTF_8));
    }

    void invocationError(String requestId, String type, String json) throws IOException {
        exchange(
                "POST",
                VERSION + "/runtime/invocation/" + requestId + "/error",
                type,
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens the invocation's response in streaming mode: chunked, with the error trailers announced. */
    ResponseStream stream(String requestId) throws IOException {
        Socket socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        String head = "POST " + VERSION + "/runtime/invocation/" + requestId + "/response HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Lambda-Runtime-Function-Response-Mode: streaming\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Content-Type: " + STREAMING_CONTENT_TYPE + "\r\n"
                + "Trailer: " + ERROR_TYPE + ", " + ERROR_BODY + "\r\n"
                + "Connection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        return new ResponseStream(socket, out);
    }

    private Reply exchange(String method, String path, String errorType, byte[] body) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            StringBuilder head = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append(':')
                    .append(port)
                    .append("\r\nConnection: close\r\n");
            if (errorType != null) {
                head.append(ERROR_TYPE).append(": ").append(errorType).append("\r\n");
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ")
                    .append(body == null ? 0 : body.length)
                    .append("\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** A Runtime API answer: status, headers (lower case) and body (by length, chunked, or to the end). */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        void expect(int wanted) throws IOException {
            if (status != wanted) {
                throw new IOException(
                        "Runtime API answered " + status + ": " + new String(body, StandardCharsets.UTF_8));
            }
        }
    }

    static Reply read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("Runtime API closed the connection");
        }
        Map<String, String> headers = new TreeMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    line.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                all.write(in.readNBytes(size));
                line(in);
            }
            while (!line(in).isEmpty()) {
                // trailers: none expected from the Runtime API
            }
            body = all.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** The body of a streamed response: every write is one chunk, sent at once. */
    static final class ResponseStream implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private boolean finished;

        private ResponseStream(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        void write(byte[] bytes) throws IOException {
            write(bytes, 0, bytes.length);
        }

        void write(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, offset, length);
            out.write('\r');
            out.write('\n');
            out.flush();
        }

        /** Ends the body; with an error type, the trailers tell Lambda the stream failed after its first byte. */
        Reply finish(String errorType, String errorBodyBase64) throws IOException {
            finished = true;
            StringBuilder end = new StringBuilder("0\r\n");
            if (errorType != null) {
                end.append(ERROR_TYPE).append(": ").append(errorType).append("\r\n");
                end.append(ERROR_BODY).append(": ").append(errorBodyBase64).append("\r\n");
            }
            end.append("\r\n");
            out.write(end.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }

        boolean finished() {
            return finished;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
