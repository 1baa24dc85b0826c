package dev.tollgate.gateway.alerts;

import static dev.tollgate.gateway.alerts.AlertFixtures.NOW;
import static dev.tollgate.gateway.alerts.AlertFixtures.SUBJECT;
import static dev.tollgate.gateway.alerts.AlertFixtures.UTC;
import static dev.tollgate.gateway.alerts.AlertFixtures.teamMarch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** Which publisher and store the application gets, and the webhook channel. */
class AlertWiringTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void withTopicArn_publishesToSnsAndLogs_storesInMemoryWithoutATable() {
        try (FakeSns fake = new FakeSns();
                ApplicationContext context = ApplicationContext.run(Map.of(
                        "tollgate.alerts.topic-arn",
                        FakeSns.TOPIC,
                        "tollgate.alerts.sns-endpoint",
                        fake.endpoint(),
                        "tollgate.alerts.retry-base-millis",
                        1))) {
            FanOutAlertPublisher publisher =
                    assertInstanceOf(FanOutAlertPublisher.class, context.getBean(AlertPublisher.class));
            assertEquals(
                    "[console, sns " + FakeSns.TOPIC + "]",
                    publisher.publishers().toString());
            assertInstanceOf(InMemoryAlertStore.class, context.getBean(AlertStore.class));

            fake.failNext(1, 500, "InternalError");
            publisher.publish(eighty());

            assertEquals(1, fake.published().size());
            assertEquals(
                    Region.EU_WEST_1,
                    context.getBean(SnsClient.class)
                            .serviceClientConfiguration()
                            .region(),
                    "the region comes from the topic ARN");
        }
    }

    @Test
    void withoutTopic_logsOnly_andHasNoSnsClient() {
        try (ApplicationContext context = ApplicationContext.run()) {
            FanOutAlertPublisher publisher =
                    assertInstanceOf(FanOutAlertPublisher.class, context.getBean(AlertPublisher.class));

            assertEquals(
                    List.of(ConsoleAlertPublisher.class),
                    publisher.publishers().stream().map(Object::getClass).toList());
            assertFalse(context.containsBean(SnsClient.class));
        }
    }

    @Test
    void withWebhook_postsTheJsonPayload_retryingA500() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook/secret-token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = calls.incrementAndGet() == 1 ? 500 : 204;
            if (status == 204) {
                bodies.add(exchange.getRequestHeaders().getFirst("content-type") + " " + body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook/secret-token";
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("tollgate.alerts.webhook-url", url, "tollgate.alerts.retry-base-millis", 1))) {
            AlertPublisher publisher = context.getBean(AlertPublisher.class);
            assertFalse(publisher.toString().contains("secret-token"), "webhook tokens stay out of logs: " + publisher);

            publisher.publish(eighty());

            assertEquals(2, calls.get());
            assertEquals(1, bodies.size());
            String[] typeAndBody = bodies.get(0).split(" ", 2);
            assertEquals("application/json", typeAndBody[0]);
            assertEquals(
                    "threshold_crossed",
                    JSON.readTree(typeAndBody[1]).path("alert_type").asText());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void alertService_readsThresholdsFromSettings() {
        String yaml = """
                models: []
                settings:
                  alerts:
                    thresholds: [100, 50, 50]
                """;
        try (ApplicationContext context = ApplicationContext.run(Map.of("tollgate.config-yaml", yaml))) {
            AlertService service = context.getBean(AlertService.class);

            List<AlertEvent> fired =
                    service.afterSettle(SUBJECT, List.of(teamMarch("60"))).join();

            assertEquals(List.of(50), fired.stream().map(AlertEvent::threshold).toList());
            assertEquals(1, service.recent("ml", null, 10).size());
        }
    }

    private static AlertEvent eighty() {
        return AlertRules.due(List.of(teamMarch("80")), SUBJECT, List.of(80), UTC, NOW)
                .get(0);
    }
}
