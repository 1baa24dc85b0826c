package dev.tollgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.storage.DynamoDbRequestMetrics;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code GET /api/v1/budgets} over HTTP through the local gateway (DynamoDB Local, PostgreSQL): paged by name, and
 * a page costs one DynamoDB read per budget's record and one ledger read, whatever the entity types.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BudgetsListApiTest {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String MASTER = "sk-budgets-list-master";
    private static LocalGateway gateway;
    private static String teamKey;

    @BeforeAll
    static void start() throws Exception {
        gateway = LocalGateway.start(LocalOptions.inMemory(MockModel.CONFIG, MASTER));
        // 20 budgets on every entity type, named b01 … b20 (created out of order):
        // 8 teams with 2 keys and 2 members each, 4 users with a key each, 4 keys, 2 tags, a customer, global
        for (int i = 20; i >= 1; i--) {
            String name = String.format("b%02d", i);
            String type;
            String id;
            if (i <= 8) {
                type = "team";
                id = "t" + i;
                send("POST", "/user/new", "{\"user_id\":\"m" + i + "a\",\"auto_create_key\":false}", 200);
                send("POST", "/user/new", "{\"user_id\":\"m" + i + "b\",\"auto_create_key\":false}", 200);
                send(
                        "POST",
                        "/team/new",
                        "{\"team_id\":\"" + id + "\",\"members_with_roles\":[{\"user_id\":\"m" + i
                                + "a\",\"role\":\"user\"},{\"user_id\":\"m" + i + "b\",\"role\":\"admin\"}]}",
                        200);
                for (int k = 0; k < 2; k++) {
                    String key = JSON.readTree(send("POST", "/key/generate", "{\"team_id\":\"" + id + "\"}", 200))
                            .path("key")
                            .asText();
                    if (i == 1) {
                        teamKey = key;
                    }
                }
            } else if (i <= 12) {
                type = "user";
                id = "u" + i;
                send("POST", "/user/new", "{\"user_id\":\"" + id + "\"}", 200);
            } else if (i <= 16) {
                type = "key";
                id = JSON.readTree(send("POST", "/key/generate", "{}", 200))
                        .path("key")
                        .asText();
            } else if (i <= 18) {
                type = "tag";
                id = "tag" + i;
                send("POST", "/tag/new", "{\"name\":\"" + id + "\"}", 200);
            } else if (i == 19) {
                type = "customer";
                id = "c" + i;
                send("POST", "/customer/new", "{\"user_id\":\"" + id + "\"}", 200);
            } else {
                type = "global";
                id = "global";
            }
            send(
                    "POST",
                    "/api/v1/budgets",
                    "{\"name\":\"" + name + "\",\"entity_type\":\"" + type + "\",\"entity_id\":\"" + id
                            + "\",\"monthly_limit\":" + (100 + i) + "}",
                    200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    @Order(1)
    void aPageOf20Budgets_costsOneReadPerRecord_andOneLedgerRead() throws Exception {
        DynamoDbRequestMetrics metrics = gateway.context().getBean(DynamoDbRequestMetrics.class);
        send("GET", "/api/v1/budgets?page_size=20", null, 200); // warm: settings refreshed on a first call

        metrics.reset();
        JsonNode page = JSON.readTree(send("GET", "/api/v1/budgets?page_size=20", null, 200));
        Map<String, Long> requests = metrics.requests();
        long total = requests.values().stream().mapToLong(Long::longValue).sum();
        System.out.println(
                "GET /api/v1/budgets, a page of 20 budgets: DynamoDB requests " + requests + ", total " + total);

        assertEquals(20, page.path("data").size(), page.toString());
        // one GetItem per record (19) and the global budget's item, one BatchGetItem for every spend counter
        assertEquals(20L, requests.getOrDefault("GetItem", 0L), requests.toString());
        assertEquals(1L, requests.getOrDefault("BatchGetItem", 0L), requests.toString());
        assertEquals(21L, total, requests.toString());
    }

    @Test
    @Order(2)
    void theListIsPagedByName_withTheCountOfEveryBudget() throws Exception {
        // GIVEN 5 more budgets (25): b21 … b25 on new teams
        for (int i = 21; i <= 25; i++) {
            send("POST", "/team/new", "{\"team_id\":\"t" + i + "\"}", 200);
            send(
                    "POST",
                    "/api/v1/budgets",
                    "{\"name\":\"b" + i + "\",\"entity_type\":\"team\",\"entity_id\":\"t" + i
                            + "\",\"monthly_limit\":1}",
                    200);
        }

        // WHEN the pages of 10 are read
        JsonNode first = JSON.readTree(send("GET", "/api/v1/budgets?page=1&page_size=10", null, 200));
        JsonNode third = JSON.readTree(send("GET", "/api/v1/budgets?page=3&page_size=10", null, 200));
        JsonNode past = JSON.readTree(send("GET", "/api/v1/budgets?page=4&page_size=10", null, 200));
        JsonNode defaults = JSON.readTree(send("GET", "/api/v1/budgets", null, 200));

        // THEN each has its budgets by name and every page the count
        assertEquals(List.of("b01", "b02", "b03", "b04", "b05", "b06", "b07", "b08", "b09", "b10"), names(first));
        assertEquals(List.of("b21", "b22", "b23", "b24", "b25"), names(third));
        for (JsonNode p : List.of(first, third, past)) {
            assertEquals(25, p.path("total").asInt(), p.toString());
            assertEquals(10, p.path("page_size").asInt());
            assertEquals(3, p.path("total_pages").asInt());
        }
        assertEquals(1, first.path("page").asInt());
        assertEquals(3, third.path("page").asInt());
        assertEquals(0, past.path("data").size(), "past the end: no budgets, the count");
        assertEquals(4, past.path("page").asInt());
        // by default page 1 of 50: every budget
        assertEquals(25, defaults.path("data").size());
        assertEquals(1, defaults.path("page").asInt());
        assertEquals(50, defaults.path("page_size").asInt());
        assertEquals(1, defaults.path("total_pages").asInt());
        List<String> all = names(defaults);
        List<String> sorted = new ArrayList<>(all);
        sorted.sort(null);
        assertEquals(sorted, all);
    }

    @Test
    @Order(3)
    void badPageParameters_areA400NamingTheParameter() throws Exception {
        for (String query : List.of("page=0", "page=-1", "page_size=0", "page_size=101")) {
            HttpResponse<String> r = LocalHttp.sendRaw(gateway, "GET", "/api/v1/budgets?" + query, null, MASTER);
            assertEquals(400, r.statusCode(), query + ": " + r.body());
            String param = query.substring(0, query.indexOf('='));
            assertEquals(
                    param, JSON.readTree(r.body()).path("error").path("param").asText(), r.body());
        }
        assertEquals(
                100,
                JSON.readTree(send("GET", "/api/v1/budgets?page_size=100", null, 200))
                        .path("page_size")
                        .asInt());
    }

    @Test
    @Order(4)
    void listedValues_areWhatTheEntityRecordsAndCountersSay() throws Exception {
        // GIVEN spend on team t1 (its key's call), t2's limit changed through the admin API, t3's moved to a day,
        // and tag18 deleted
        HttpResponse<String> chat = LocalHttp.chat(gateway, teamKey);
        assertEquals(200, chat.statusCode(), chat.body());
        BigDecimal spent = BigDecimal.ZERO;
        long until = System.currentTimeMillis() + 10_000;
        while (spent.signum() == 0 && System.currentTimeMillis() < until) {
            Thread.sleep(100);
            JsonNode spend = JSON.readTree(send("GET", "/team/info?team_id=t1", null, 200))
                    .path("team_info")
                    .path("spend");
            spent = spend.isNumber() ? spend.decimalValue() : BigDecimal.ZERO;
        }
        assertTrue(spent.signum() > 0, "the call's cost settled on the team");
        send("POST", "/team/update", "{\"team_id\":\"t2\",\"max_budget\":500}", 200);
        send("POST", "/team/update", "{\"team_id\":\"t3\",\"budget_duration\":\"1d\"}", 200);
        send("POST", "/tag/delete", "{\"name\":\"tag18\"}", 200);

        // WHEN the first page is read
        JsonNode data = JSON.readTree(send("GET", "/api/v1/budgets?page_size=20", null, 200))
                .path("data");

        // THEN each budget is as GET /api/v1/budgets/{id} shows it, and as the records say
        for (JsonNode listed : data) {
            JsonNode one = JSON.readTree(
                    send("GET", "/api/v1/budgets/" + listed.path("id").asText(), null, 200));
            assertEquals(one, listed);
        }
        JsonNode t1 = data.get(0);
        assertEquals(0, spent.compareTo(t1.path("current_spend").decimalValue()), t1.toString());
        assertEquals(
                0,
                spent.multiply(BigDecimal.valueOf(100))
                        .divide(new BigDecimal("101"), 2, java.math.RoundingMode.HALF_EVEN)
                        .compareTo(t1.path("utilisation_percent").decimalValue()),
                t1.toString());
        assertEquals("ok", t1.path("status").asText());
        JsonNode t2 = data.get(1);
        assertEquals(true, t2.path("changed_elsewhere").asBoolean(), t2.toString());
        assertEquals(0, new BigDecimal("500").compareTo(t2.path("limit").decimalValue()));
        JsonNode t3 = data.get(2);
        assertEquals("not_enforced", t3.path("status").asText(), t3.toString());
        assertTrue(t3.path("limit").isNull());
        JsonNode tag18 = data.get(17);
        assertEquals("b18", tag18.path("name").asText());
        assertEquals("unknown", tag18.path("status").asText(), tag18.toString());
        assertTrue(tag18.path("current_spend").isNull());
        JsonNode unchanged = data.get(3);
        assertEquals(false, unchanged.path("changed_elsewhere").asBoolean(), unchanged.toString());
        assertEquals(0, new BigDecimal("104").compareTo(unchanged.path("limit").decimalValue()));
        assertEquals(
                0, BigDecimal.ZERO.compareTo(unchanged.path("current_spend").decimalValue()));
        assertEquals("ok", data.get(19).path("status").asText(), "global: " + data.get(19));
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("data").forEach(b -> names.add(b.path("name").asText()));
        return names;
    }

    private static String send(String method, String path, String body, int expected) throws Exception {
        return LocalHttp.send(gateway, method, path, body, MASTER, expected);
    }
}
