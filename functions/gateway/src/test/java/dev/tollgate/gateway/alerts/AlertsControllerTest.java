package dev.tollgate.gateway.alerts;

import static dev.tollgate.gateway.alerts.AlertFixtures.APRIL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code GET /alerts} over HTTP on Netty, with the DynamoDB store on DynamoDB Local. */
class AlertsControllerTest {
    private static final String MASTER = "sk-master-alerts-tests";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static DynamoDbClient dynamo;
    private static EmbeddedServer server;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.client();
        String table = DynamoDbLocal.createTable(dynamo, "alerts");
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "micronaut.server.port",
                        -1,
                        "tollgate.master-key",
                        MASTER,
                        "tollgate.storage.table",
                        table,
                        "tollgate.storage.dynamodb-endpoint",
                        DynamoDbLocal.endpoint(),
                        "tollgate.storage.region",
                        "us-east-1",
                        "tollgate.auth.cache-seconds",
                        0));
        AlertStore store = server.getApplicationContext().getBean(AlertStore.class);
        assertInstanceOf(DynamoDbAlertStore.class, store);
        store.record(event(Scope.TEAM, "ml", "ml", null, "2026-03-20T10:00:00Z"));
        store.record(event(Scope.KEY, "k1", "ml", "alice", "2026-03-20T11:00:00Z"));
        store.record(event(Scope.USER, "alice", null, "alice", "2026-03-20T12:00:00Z"));
        store.record(event(Scope.TEAM, "search", "search", null, "2026-03-20T13:00:00Z"));
    }

    @AfterAll
    static void stop() {
        server.close();
        dynamo.close();
    }

    @Test
    void list_withoutFilter_returnsAllNewestFirst() throws Exception {
        JsonNode body = get("/alerts", MASTER, 200);

        assertEquals(List.of("search", "alice", "k1", "ml"), ids(body));
        JsonNode first = body.path("data").get(0);
        assertEquals("threshold_crossed", first.path("alert_type").asText());
        assertEquals("team", first.path("scope").asText());
        assertEquals("1mo", first.path("window").asText());
        assertEquals("2026-04-01T00:00:00Z", first.path("reset_time").asText());
        assertEquals(0, new BigDecimal("80.25").compareTo(first.path("spend").decimalValue()));
        assertEquals(0, new BigDecimal("80.25").compareTo(first.path("percent").decimalValue()));
    }

    @Test
    void list_byTeam_returnsTheTeamsAndItsKeysAlerts() throws Exception {
        assertEquals(List.of("k1", "ml"), ids(get("/alerts?team_id=ml", MASTER, 200)));
    }

    @Test
    void list_byUser_returnsTheUsersAndItsKeysAlerts() throws Exception {
        assertEquals(List.of("alice", "k1"), ids(get("/alerts?user_id=alice", MASTER, 200)));
    }

    @Test
    void list_byTeamAndUser_returnsBoth() throws Exception {
        assertEquals(List.of("k1"), ids(get("/alerts?team_id=ml&user_id=alice", MASTER, 200)));
    }

    @Test
    void list_withLimit_returnsTheNewest() throws Exception {
        assertEquals(List.of("search", "alice"), ids(get("/alerts?limit=2", MASTER, 200)));
    }

    @Test
    void list_badLimit_is400NamingTheParameter() throws Exception {
        JsonNode body = get("/alerts?limit=0", MASTER, 400);

        assertEquals("limit", body.path("error").path("param").asText());
    }

    @Test
    void list_withoutKey_is401() throws Exception {
        get("/alerts", null, 401);
    }

    @Test
    void list_withVirtualKey_is403() throws Exception {
        HttpResponse<String> generated = CLIENT.send(
                request("/key/generate", MASTER)
                        .header("content-type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String key = JSON.readTree(generated.body()).path("key").asText();
        assertTrue(key.startsWith("sk-"), generated.body());

        JsonNode body = get("/alerts", key, 403);

        assertEquals("permission_error", body.path("error").path("type").asText());
    }

    private static JsonNode get(String path, String key, int status) throws Exception {
        HttpResponse<String> response =
                CLIENT.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        if (key != null) {
            builder.header("authorization", "Bearer " + key);
        }
        return builder;
    }

    private static AlertEvent event(Scope scope, String id, String teamId, String userId, String at) {
        return new AlertEvent(
                AlertType.THRESHOLD_CROSSED,
                scope,
                id,
                null,
                teamId,
                userId,
                BudgetWindow.MONTH,
                "1mo#2026-03-01T00:00:00Z",
                new BigDecimal("80.25"),
                new BigDecimal("100"),
                80,
                APRIL,
                Instant.parse(at),
                null);
    }

    private static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.path("data").forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }
}
