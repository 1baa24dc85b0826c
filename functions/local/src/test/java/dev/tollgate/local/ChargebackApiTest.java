package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.YearMonth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chargeback through the local gateway: rules over HTTP, calls shipped into the rollups, this month's
 * report generated, finalized and exported, and the master key required.
 */
class ChargebackApiTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-chargeback-api-master";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /**
     * The gateway's clock, from noon tomorrow: the calls and the report of their month fall in one month whenever
     * the build runs.
     */
    private static final ShiftedClock CLOCK = ShiftedClock.atNoonTomorrow();

    private static LocalGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory(MockModel.CONFIG, MASTER), CLOCK, java.util.Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void rules_report_finalize_export_overHttp() throws Exception {
        // GIVEN a team with a key, two rules of 50% and 60% (the second refused), and calls shipped
        send("POST", "/team/new", "{\"team_id\":\"search\"}", MASTER, 200);
        String key = JSON.readTree(send("POST", "/key/generate", "{\"team_id\":\"search\"}", MASTER, 200))
                .path("key")
                .asText();
        JsonNode rule = JSON.readTree(send(
                "POST",
                "/api/v1/cost-allocation/rules",
                "{\"name\":\"search cc\",\"team_id\":\"search\",\"allocation_type\":\"cost_center\","
                        + "\"allocation_target\":\"CC-4711\",\"allocation_percent\":50,"
                        + "\"metadata\":{\"company_code\":\"1000\",\"gl_account\":\"640000\"}}",
                MASTER,
                200));
        String refused = send(
                "POST",
                "/api/v1/cost-allocation/rules",
                "{\"name\":\"search too\",\"team_id\":\"search\",\"allocation_type\":\"project\","
                        + "\"allocation_target\":\"P-1\",\"allocation_percent\":60}",
                MASTER,
                400);
        assertTrue(refused.contains("search cc") && refused.contains("search too"), refused);
        assertEquals(
                1,
                JSON.readTree(send("GET", "/api/v1/cost-allocation/rules", null, MASTER, 200))
                        .path("total")
                        .asInt());
        assertEquals(
                403,
                status("GET", "/api/v1/cost-allocation/rules/" + rule.path("id").asText(), null, key));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> chat = HTTP.send(
                    HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/chat/completions"))
                            .header("authorization", "Bearer " + key)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock-gpt-4o-mini\","
                                    + "\"messages\":[{\"role\":\"user\",\"content\":\"hello " + i + "\"}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chat.statusCode(), chat.body());
        }
        gateway.shipSpendLogs();

        // WHEN this month's report is generated
        String period = YearMonth.now(CLOCK).toString();
        JsonNode report = JSON.readTree(
                send("POST", "/api/v1/chargeback/reports/generate", "{\"period\":\"" + period + "\"}", MASTER, 200));

        // THEN half the team's spend is booked to CC-4711, the rest unallocated, lines summing to the total
        assertEquals("draft", report.path("status").asText());
        BigDecimal total = report.path("total").decimalValue();
        assertTrue(report.path("total_cost").asText().length() > 0);
        assertTrue(new BigDecimal(report.path("total_cost").asText()).signum() > 0, report.toString());
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : report.path("lines")) {
            sum = sum.add(line.path("amount").decimalValue());
        }
        assertEquals(0, total.compareTo(sum), report.toString());
        assertEquals(
                "CC-4711",
                report.path("by_allocation_target")
                        .get(0)
                        .path("allocation_target")
                        .asText());
        assertTrue(report.path("unallocated").has("amount"));
        String id = report.path("id").asText();

        // AND a draft is not exported; finalized it is frozen; exported it records who
        assertEquals(409, status("GET", "/api/v1/chargeback/reports/" + id + "/export?format=csv", null, MASTER));
        send("POST", "/api/v1/chargeback/reports/" + id + "/finalize", null, MASTER, 200);
        assertEquals(
                409, status("POST", "/api/v1/chargeback/reports/generate", "{\"period\":\"" + period + "\"}", MASTER));
        HttpResponse<String> sap =
                sendRaw("GET", "/api/v1/chargeback/reports/" + id + "/export?format=sap", null, MASTER);
        assertEquals(200, sap.statusCode(), sap.body());
        assertTrue(sap.headers().firstValue("content-disposition").orElse("").contains(".sap.csv"));
        assertTrue(sap.body().startsWith("CompanyCode,PostingDate,DocumentType,GLAccount,CostCenter"), sap.body());
        JsonNode shown = JSON.readTree(send("GET", "/api/v1/chargeback/reports/" + id, null, MASTER, 200));
        assertEquals("exported", shown.path("status").asText());
        assertEquals("sap", shown.path("export_format").asText());
        assertEquals(400, status("GET", "/api/v1/chargeback/reports/" + id + "/export?format=xlsx", null, MASTER));
        JsonNode listed = JSON.readTree(send("GET", "/api/v1/chargeback/reports", null, MASTER, 200));
        assertEquals(1, listed.path("total").asInt());
        assertEquals(1, listed.path("page").asInt());
        assertEquals(24, listed.path("page_size").asInt());
        assertEquals(1, listed.path("total_pages").asInt());
        // the list shows the report as GET /{id} does, less its lines
        com.fasterxml.jackson.databind.node.ObjectNode withoutLines = shown.deepCopy();
        withoutLines.remove("lines");
        assertEquals(withoutLines, listed.path("data").path(0));
        assertEquals(
                0,
                JSON.readTree(send("GET", "/api/v1/chargeback/reports?page=2&page_size=1", null, MASTER, 200))
                        .path("data")
                        .size());
        assertEquals(400, status("GET", "/api/v1/chargeback/reports?page_size=121", null, MASTER));
        assertEquals(400, status("GET", "/api/v1/chargeback/reports?page=0", null, MASTER));
        send("DELETE", "/api/v1/cost-allocation/rules/" + rule.path("id").asText(), null, MASTER, 200);
    }

    private static int status(String method, String path, String body, String key) throws Exception {
        return sendRaw(method, path, body, key).statusCode();
    }

    private static String send(String method, String path, String body, String key, int expected) throws Exception {
        return LocalHttp.send(gateway, method, path, body, key, expected);
    }

    private static HttpResponse<String> sendRaw(String method, String path, String body, String key) throws Exception {
        return LocalHttp.sendRaw(gateway, method, path, body, key);
    }
}
