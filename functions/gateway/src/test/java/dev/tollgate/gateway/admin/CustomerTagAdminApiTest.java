package dev.tollgate.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.admin.AdminServer.Response;
import dev.tollgate.gateway.budget.Settlement;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.IdentityStore;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /customer/*} and {@code /tag/*} over HTTP against DynamoDB Local. */
class CustomerTagAdminApiTest {
    private static AdminServer api;

    @BeforeAll
    static void start() {
        api = AdminServer.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void customer_newInfoUpdate_inLiteLlmShape() {
        String id = "cust-" + UUID.randomUUID();

        Response created = api.post(
                "/customer/new",
                "{\"user_id\":\"" + id + "\",\"alias\":\"Acme\"," + "\"max_budget\":3,\"budget_duration\":\"1d\"}");
        Response updated = api.post("/customer/update", "{\"user_id\":\"" + id + "\",\"max_budget\":4}");
        JsonNode info = api.get("/customer/info?end_user_id=" + id).body();

        assertEquals(200, created.status(), created.raw());
        assertEquals("Acme", created.body().path("alias").asText());
        assertEquals(
                0,
                created.body()
                        .path("litellm_budget_table")
                        .path("max_budget")
                        .decimalValue()
                        .compareTo(new BigDecimal("3")));
        assertEquals(200, updated.status(), updated.raw());
        assertEquals(0, info.path("max_budget").decimalValue().compareTo(new BigDecimal("4")));
        assertEquals("1d", info.path("budgets").get(0).path("budget_duration").asText());
        assertEquals(
                409, api.post("/customer/new", "{\"user_id\":\"" + id + "\"}").status());
        assertEquals(
                "end_user_id",
                api.get("/customer/info?end_user_id=nobody-" + UUID.randomUUID())
                        .param());
    }

    @Test
    void customerBlock_takesUserIds_createsUnknownOnes_andUnblockClears() {
        String known = "cust-" + UUID.randomUUID();
        String unknown = "cust-" + UUID.randomUUID();
        api.post("/customer/new", "{\"user_id\":\"" + known + "\"}");

        Response blocked = api.post("/customer/block", "{\"user_ids\":[\"" + known + "\",\"" + unknown + "\"]}");

        assertEquals(200, blocked.status(), blocked.raw());
        assertEquals(2, blocked.body().path("blocked_users").size());
        assertTrue(api.get("/customer/info?end_user_id=" + unknown)
                .body()
                .path("blocked")
                .asBoolean());
        Response unblocked = api.post("/customer/unblock", "{\"user_ids\":[\"" + known + "\"]}");
        assertEquals(
                false,
                unblocked.body().path("unblocked_users").get(0).path("blocked").asBoolean());
        assertEquals(
                "user_id",
                api.post("/customer/block", "{\"user_id\":\"" + known + "\"}").param());
        assertEquals("user_ids", api.post("/customer/block", "{}").param());
    }

    @Test
    void customerDelete_removesIt() {
        String id = "cust-" + UUID.randomUUID();
        api.post("/customer/new", "{\"user_id\":\"" + id + "\"}");

        assertEquals(
                200,
                api.post("/customer/delete", "{\"user_ids\":[\"" + id + "\"]}").status());
        assertEquals(404, api.get("/customer/info?end_user_id=" + id).status());
    }

    @Test
    void tag_newInfoListAndLiteLlmPostInfo() {
        String name = "tag-" + UUID.randomUUID();

        Response created = api.post(
                "/tag/new",
                "{\"name\":\"" + name + "\",\"description\":\"prod traffic\","
                        + "\"max_budget\":25,\"budget_duration\":\"7d\"}");
        api.ledger()
                .charge(
                        UUID.randomUUID().toString(),
                        BudgetLimits.forTag(api.server
                                .getApplicationContext()
                                .getBean(IdentityStore.class)
                                .tag(name)
                                .orElseThrow()),
                        Settlement.withoutLog(new BigDecimal("5"), 1, 1));
        JsonNode info = api.get("/tag/info?name=" + name).body();
        JsonNode posted =
                api.post("/tag/info", "{\"names\":[\"" + name + "\"]}").body();
        JsonNode list = api.get("/tag/list").body();

        assertEquals(200, created.status(), created.raw());
        assertEquals(
                "Tag " + name + " created successfully",
                created.body().path("message").asText());
        assertEquals(name, created.body().path("tag").path("name").asText());
        assertEquals(0, info.path("spend").decimalValue().compareTo(new BigDecimal("5")));
        assertEquals(
                0, info.path("budgets").get(0).path("remaining").decimalValue().compareTo(new BigDecimal("20")));
        assertEquals("prod traffic", posted.path(name).path("description").asText());
        assertTrue(list.isArray());
        boolean listed = false;
        for (JsonNode t : list) {
            listed |= t.path("name").asText().equals(name);
        }
        assertTrue(listed);
        assertEquals(409, api.post("/tag/new", "{\"name\":\"" + name + "\"}").status());
    }

    @Test
    void tag_validationAndUpdateDelete() {
        String name = "tag-" + UUID.randomUUID();
        assertEquals(
                "budget_duration",
                api.post("/tag/new", "{\"name\":\"" + name + "\",\"budget_duration\":\"3d\"}")
                        .param());
        assertEquals("name", api.post("/tag/new", "{\"max_budget\":1}").param());
        api.post("/tag/new", "{\"name\":\"" + name + "\"}");

        Response updated = api.post("/tag/update", "{\"name\":\"" + name + "\",\"max_budget\":9}");

        assertEquals(200, updated.status(), updated.raw());
        assertEquals(
                0, updated.body().path("tag").path("max_budget").decimalValue().compareTo(new BigDecimal("9")));
        assertEquals(200, api.post("/tag/delete", "{\"name\":\"" + name + "\"}").status());
        assertEquals(404, api.get("/tag/info?name=" + name).status());
    }
}
