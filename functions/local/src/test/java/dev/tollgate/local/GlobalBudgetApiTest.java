package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The global budget through {@code /api/v1/budgets} on the local gateway (DynamoDB Local): writing it
 * changes what the proxy enforces without a restart (after the proxy's few-second cache), and deleting it
 * hands back to tollgate.yml's value. One system: the same item the proxy reads.
 */
class GlobalBudgetApiTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-global-budget-master";
    /** The proxy caches the global budget for tollgate.auth.cache-seconds: set here to its default, 5 s. */
    private static final java.time.Duration CACHE = java.time.Duration.ofSeconds(5);
    /**
     * The gateway's clock: from noon tomorrow, so that the month's window never turns during the class; held, and
     * moved forward by exactly {@link #CACHE} before each call that must read the global budget again (the one
     * before a write, so that the proxy's copy is read at a known instant, and the one after it): however slow the
     * machine, the call after a write is the first one the cache lets through, and a longer cache fails the test.
     */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    private static LocalGateway gateway;
    private static String key;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(
                LocalOptions.inMemory("""
                models:
                  - name: mock-gpt-4o-mini
                    provider: mock
                    base_model: gpt-4o-mini
                settings:
                  budgets:
                    global:
                      - {budget_duration: 1mo, max_budget: 1000}
                """, MASTER), CLOCK, java.util.Map.of("tollgate.auth.cache-seconds", (int)
                        CACHE.toSeconds()));
        CLOCK.hold();
        key = JSON.readTree(send("POST", "/key/generate", "{}", 200))
                .path("key")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void globalBudget_setAtRuntime_isEnforcedWithoutRestart_andDeleteRestoresTheConfiguredOne() throws Exception {
        // GIVEN tollgate.yml's $1000 global budget: calls pass
        chatOnceTheCacheExpired(200);

        // WHEN the global budget is set to a millionth of a dollar, below what was spent
        JsonNode budget = JSON.readTree(send(
                "POST",
                "/api/v1/budgets",
                "{\"name\":\"gateway\",\"entity_type\":\"global\",\"monthly_limit\":0.000001,"
                        + "\"soft_limit_percent\":50}",
                200));

        // THEN the proxy refuses calls on it, and it reads back with the gateway's own monthly spend
        assertEquals("global", budget.path("entity_id").asText());
        HttpResponse<String> refused = chatOnceTheCacheExpired(429);
        assertEquals(
                "budget_exceeded",
                JSON.readTree(refused.body()).path("error").path("code").asText(),
                refused.body());
        assertTrue(refused.body().contains("global"), refused.body());
        JsonNode read =
                JSON.readTree(send("GET", "/api/v1/budgets/" + budget.path("id").asText(), null, 200));
        assertTrue(read.path("current_spend").decimalValue().signum() > 0, read.toString());
        assertEquals("critical", read.path("status").asText(), read.toString());
        JsonNode globalSpend = JSON.readTree(send("GET", "/global/spend", null, 200));
        assertEquals(
                0,
                new BigDecimal("0.000001")
                        .compareTo(globalSpend.path("max_budget").decimalValue()));

        // WHEN it is raised with PUT, THEN calls pass again, and its soft alert (50% of $10) is the global one
        String id = budget.path("id").asText();
        JsonNode raised = JSON.readTree(send("PUT", "/api/v1/budgets/" + id, "{\"monthly_limit\":10}", 200));
        assertEquals(0, new BigDecimal("5").compareTo(raised.path("soft_limit").decimalValue()));
        chatOnceTheCacheExpired(200);

        // WHEN it is deleted, THEN tollgate.yml's $1000 applies again (a $0.000001 budget is gone)
        send("DELETE", "/api/v1/budgets/" + id, null, 200);
        assertEquals(404, sendRaw("GET", "/api/v1/budgets/" + id, null).statusCode());
        chatOnceTheCacheExpired(200);
    }

    @Test
    void globalSoftAlert_setAtRuntime_firesOnTheGlobalCounter() throws Exception {
        // GIVEN the proxy's copy of the global budget read now, then a global budget whose soft alert is a billionth
        // of a dollar
        chatOnceTheCacheExpired(200);
        String id = JSON.readTree(send(
                        "POST",
                        "/api/v1/budgets",
                        "{\"name\":\"soft\",\"entity_type\":\"global\",\"entity_id\":\"global\",\"monthly_limit\":1000,"
                                + "\"soft_limit_percent\":0.0000001}",
                        200))
                .path("id")
                .asText();
        try {
            // WHEN one call is made once the proxy's copy of the global budget (read before the write) has expired
            chatOnceTheCacheExpired(200);
            assertTrue(gateway.awaitSettled(), "settled");

            // THEN that call fired the soft alert of scope global (delivered with its settlement)
            JsonNode alerts = JSON.readTree(send("GET", "/alerts", null, 200)).path("data");
            boolean global = false;
            for (JsonNode a : alerts) {
                global |= a.path("alert_type").asText().equals("soft_budget_crossed")
                        && a.path("scope").asText().equals("global");
            }
            assertTrue(global, alerts.toString());
        } finally {
            send("DELETE", "/api/v1/budgets/" + id, null, 200);
        }
    }

    @Test
    void globalBudget_withAnotherEntityId_isA400() throws Exception {
        HttpResponse<String> r = sendRaw(
                "POST",
                "/api/v1/budgets",
                "{\"name\":\"x\",\"entity_type\":\"global\",\"entity_id\":\"team-a\",\"monthly_limit\":1}");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(
                "entity_id", JSON.readTree(r.body()).path("error").path("param").asText(), r.body());
    }

    /**
     * Moves the clock past the proxy's cache of the global budget and makes one call: it reads the budget as it
     * stands and must answer {@code status} (no retries: a cache that outlives its period fails here).
     */
    private static HttpResponse<String> chatOnceTheCacheExpired(int status) throws Exception {
        CLOCK.advance(CACHE);
        HttpResponse<String> r = chat();
        assertEquals(status, r.statusCode(), r.body());
        return r;
    }

    private static HttpResponse<String> chat() throws Exception {
        return LocalHttp.chat(gateway, key);
    }

    private static String send(String method, String path, String body, int expected) throws Exception {
        return LocalHttp.send(gateway, method, path, body, MASTER, expected);
    }

    private static HttpResponse<String> sendRaw(String method, String path, String body) throws Exception {
        return LocalHttp.sendRaw(gateway, method, path, body, MASTER);
    }
}
