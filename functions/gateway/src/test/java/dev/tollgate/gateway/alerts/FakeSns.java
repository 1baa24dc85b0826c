package dev.tollgate.gateway.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback stand-in for SNS that speaks its Query API: form-encoded POSTs ({@code Action=Publish},
 * {@code TopicArn}, {@code Subject}, {@code Message}, {@code MessageStructure},
 * {@code MessageAttributes.entry.N.Name/Value.DataType/Value.StringValue}), answered with the
 * {@code PublishResponse} XML, or with an {@code ErrorResponse} for the first N calls when asked.
 * Records every request, failed ones included.
 */
public final class FakeSns implements AutoCloseable {
    public static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:tollgate-alerts";

    /** One Publish as received. */
    public record Publish(
            String topicArn,
            String subject,
            String message,
            String messageStructure,
            Map<String, String> attributes,
            Map<String, String> attributeTypes) {}

    private final HttpServer server;
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Publish> published = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failStatus = 500;
    private volatile String failCode = "InternalError";

    public FakeSns() {
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

    /** The next {@code times} requests fail with {@code status} and error code {@code code} (e.g. 500 InternalError, 400 Throttling). */
    void failNext(int times, int status, String code) {
        failStatus = status;
        failCode = code;
        failuresLeft.set(times);
    }

    /** Every request's form parameters, in arrival order (failed ones too). */
    List<Map<String, String>> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The Publish calls that succeeded. */
    public List<Publish> published() {
        synchronized (published) {
            return List.copyOf(published);
        }
    }

    public void reset() {
        requests.clear();
        published.clear();
        failuresLeft.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(form);
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(exchange, failStatus, """
                    <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                      <Error><Type>%s</Type><Code>%s</Code><Message>injected failure</Message></Error>
                      <RequestId>%s</RequestId>
                    </ErrorResponse>""".formatted(
                            failStatus >= 500 ? "Receiver" : "Sender", failCode, UUID.randomUUID()));
            return;
        }
        if (!"Publish".equals(form.get("Action"))) {
            reply(exchange, 400, """
                    <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                      <Error><Type>Sender</Type><Code>InvalidAction</Code><Message>only Publish is faked</Message></Error>
                      <RequestId>%s</RequestId>
                    </ErrorResponse>""".formatted(UUID.randomUUID()));
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i;
            String name = form.get(prefix + ".Name");
            attributes.put(name, form.get(prefix + ".Value.StringValue"));
            types.put(name, form.get(prefix + ".Value.DataType"));
        }
        published.add(new Publish(
                form.get("TopicArn"),
                form.get("Subject"),
                form.get("Message"),
                form.get("MessageStructure"),
                attributes,
                types));
        reply(exchange, 200, """
                <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <PublishResult><MessageId>%s</MessageId></PublishResult>
                  <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
                </PublishResponse>""".formatted(UUID.randomUUID(), UUID.randomUUID()));
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
