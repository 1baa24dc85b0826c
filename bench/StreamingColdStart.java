import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of the proxy function's streaming entry point, as Lambda starts it: the exec wrapper
 * (functions/gateway/src/main/lambda-wrapper/tollgate-streaming) is given the managed java21 runtime's command
 * line, swaps in dev.tollgate.gateway.lambda.StreamingRuntime with the extracted artifact as /var/task, and the
 * function talks to this loopback Runtime API. Prints process start → first GET /next (initialised: what
 * SnapStart snapshots) → first streamed body byte after the prelude → response complete, then a warm call.
 * Usage (bench/coldstart.sh): java StreamingColdStart.java TASK_ROOT WRAPPER EVENT_JSON JAVA
 */
public class StreamingColdStart {
    public static void main(String[] args) throws Exception {
        Path taskRoot = Path.of(args[0]);
        String event = Files.readString(Path.of(args[2]));
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProcessBuilder builder = new ProcessBuilder(
                    "bash", args[1], args[3], "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xmx1g",
                    "-classpath", "/var/runtime/lib/aws-lambda-java-runtime-interface-client.jar",
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    "dev.tollgate.gateway.lambda.ProxyHandler::handleRequest");
            builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + server.getLocalPort());
            builder.environment().put("TOLLGATE_MASTER_KEY", "sk-test-master");
            builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process function = builder.start();
            try {
                long[] cold = invoke(server, event, "cold", start);
                long warmStart = System.nanoTime();
                long[] warm = invoke(server, event, "warm", warmStart);
                System.out.printf(
                        "status %d; process start → initialised (first /next) %d ms; → first streamed byte %d ms;"
                                + " → stream complete %d ms; warm call: first byte %d ms, complete %d ms%n",
                        cold[3], cold[0], cold[1], cold[2], warm[1], warm[2]);
                if (cold[3] != 200 || warm[3] != 200) {
                    System.exit(1);
                }
            } finally {
                function.destroy();
                function.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Serves one invocation; returns ms from {@code t0} to: /next asked, first body byte, complete; and the status. */
    private static long[] invoke(ServerSocket server, String event, String id, long t0) throws IOException {
        long next;
        try (Socket socket = server.accept()) {
            next = ms(t0);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            skipHead(in);
            byte[] body = event.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: " + id
                            + "\r\nLambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 120_000)
                            + "\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:eu-west-1:123456789012:function:tollgate-proxy"
                            + "\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        }
        try (Socket socket = server.accept()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            skipHead(in);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            long firstByte = -1;
            int delimiterAt = -1;
            for (int size; (size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) > 0; ) {
                all.write(in.readNBytes(size));
                line(in);
                if (delimiterAt < 0) {
                    delimiterAt = indexOfDelimiter(all.toByteArray());
                }
                if (firstByte < 0 && delimiterAt >= 0 && all.size() > delimiterAt + 8) {
                    firstByte = ms(t0);
                }
            }
            while (!line(in).isEmpty()) {
                // trailers
            }
            long complete = ms(t0);
            socket.getOutputStream().write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String prelude = new String(all.toByteArray(), 0, Math.max(0, delimiterAt), StandardCharsets.UTF_8);
            long status = Long.parseLong(prelude.replaceAll(".*\"statusCode\":(\\d+).*", "$1"));
            return new long[] {next, firstByte, complete, status};
        }
    }

    private static int indexOfDelimiter(byte[] bytes) {
        for (int i = 0, run = 0; i < bytes.length; i++) {
            run = bytes[i] == 0 ? run + 1 : 0;
            if (run == 8) {
                return i - 7;
            }
        }
        return -1;
    }

    private static void skipHead(InputStream in) throws IOException {
        while (!line(in).isEmpty()) {
            // request line and headers
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
