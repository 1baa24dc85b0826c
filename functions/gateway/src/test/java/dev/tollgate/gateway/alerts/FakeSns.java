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
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * A loopback stand-in for SNS that speaks its Query API: form-encoded POSTs ({@code Action=Publish},
 * {@code TopicArn}, {@code Subject}, {@code Message}, {@code MessageStructure},
 * {@code MessageAttributes.entry.N.Name/Value.DataType/Value.StringValue}), answered with the
 * {@code PublishResponse} XML, or with an {@code ErrorResponse} for the first N calls when asked.
 * Records every request, failed ones included. {@code Action=Subscribe} records a subscription with its
 * {@code FilterPolicy} (the SNS form: {@code {"attribute": ["value", ...], ...}}, exact strings, every
 * attribute must match); {@link #deliveredTo} applies those policies to what was published.
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
    private final List<Subscription> subscriptions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failStatus = 500;
    private volatile String failCode = "InternalError";
    private SnsClient client;

    /** One Subscribe as received: the endpoint and its filter policy (null for none: every message). */
    public record Subscription(String protocol, String endpoint, Map<String, List<String>> filterPolicy) {

        /** Whether SNS would deliver a message with these attributes to this subscription. */
        public boolean accepts(Map<String, String> attributes) {
            if (filterPolicy == null) {
                return true;
            }
            return filterPolicy.entrySet().stream()
                    .allMatch(e ->
                            attributes.containsKey(e.getKey()) && e.getValue().contains(attributes.get(e.getKey())));
        }
    }

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

    /** The SDK client the gateway builds for its alerts (the SDK's own retries off), on this fake; closed with it. */
    public synchronized SnsClient client() {
        if (client == null) {
            client = new AlertFactory().alertsSnsClient(TestDelivery.sns(this));
        }
        return client;
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

    /** The subscriptions made so far. */
    public List<Subscription> subscriptions() {
        synchronized (subscriptions) {
            return List.copyOf(subscriptions);
        }
    }

    /** What SNS would deliver to {@code endpoint}: each publish its subscriptions' filter policies accept. */
    public List<Publish> deliveredTo(String endpoint) {
        List<Subscription> mine = subscriptions().stream()
                .filter(s -> s.endpoint().equals(endpoint))
                .toList();
        return published().stream()
                .filter(p -> mine.stream().anyMatch(s -> s.accepts(p.attributes())))
                .toList();
    }

    public void reset() {
        subscriptions.clear();
        requests.clear();
        published.clear();
        failuresLeft.set(0);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
        }
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
        if ("Subscribe".equals(form.get("Action"))) {
            subscribe(exchange, form);
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

    private void subscribe(HttpExchange exchange, Map<String, String> form) throws IOException {
        Map<String, List<String>> policy = null;
        for (int i = 1; form.containsKey("Attributes.entry." + i + ".key"); i++) {
            if ("FilterPolicy".equals(form.get("Attributes.entry." + i + ".key"))) {
                policy = filterPolicy(form.get("Attributes.entry." + i + ".value"));
            }
        }
        subscriptions.add(new Subscription(form.get("Protocol"), form.get("Endpoint"), policy));
        reply(exchange, 200, """
                <SubscribeResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
                  <SubscribeResult><SubscriptionArn>pending confirmation</SubscriptionArn></SubscribeResult>
                  <ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata>
                </SubscribeResponse>""".formatted(UUID.randomUUID()));
    }

    /** Parses the exact-string form of a filter policy; anything else is refused as SNS would (InvalidParameter). */
    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> filterPolicy(String json) {
        try {
            Map<String, Object> raw = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
            Map<String, List<String>> policy = new LinkedHashMap<>();
            raw.forEach((name, values) -> policy.put(name, List.copyOf((List<String>) values)));
            return policy;
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("filter policy not in the exact-string form: " + json, e);
        }
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
