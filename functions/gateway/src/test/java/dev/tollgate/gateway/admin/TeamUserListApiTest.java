package dev.tollgate.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.admin.AdminServer.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /team/list}, {@code /v2/team/list} and {@code /user/list} over HTTP against DynamoDB Local, on a
 * table of their own so that totals are exact: three teams, five users, one team with two members.
 */
class TeamUserListApiTest {
    private static AdminServer api;
    private static String memberKey;

    @BeforeAll
    static void start() {
        api = AdminServer.start();
        // GIVEN teams alpha (with a $5 monthly budget), beta, gamma and users u1..u5; u1 admin and u2 user of alpha
        for (int i = 1; i <= 5; i++) {
            ok(api.post(
                    "/user/new",
                    "{\"user_id\":\"u" + i + "\",\"user_email\":\"person" + i + "@Example.com\",\"user_role\":\""
                            + (i == 5 ? "proxy_admin" : "internal_user") + "\",\"auto_create_key\":false}"));
        }
        ok(
                api.post(
                        "/team/new",
                        "{\"team_id\":\"t-alpha\",\"team_alias\":\"Alpha Search\",\"max_budget\":5,\"budget_duration\":\"1mo\","
                                + "\"members_with_roles\":[{\"user_id\":\"u1\",\"role\":\"admin\"},{\"user_id\":\"u2\",\"role\":\"user\"}]}"));
        ok(api.post("/team/new", "{\"team_id\":\"t-beta\",\"team_alias\":\"Beta\"}"));
        ok(api.post("/team/new", "{\"team_id\":\"t-gamma\"}"));
        memberKey = ok(api.post("/key/generate", "{\"team_id\":\"t-alpha\",\"user_id\":\"u1\"}"))
                .body()
                .path("key")
                .asText();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void teamList_isAnArrayOfEveryTeamById_withMembersAndBudgetSpend() {
        Response r = api.get("/team/list");

        assertEquals(200, r.status(), r.raw());
        assertTrue(r.body().isArray(), r.raw());
        assertEquals(List.of("t-alpha", "t-beta", "t-gamma"), ids(r.body(), "team_id"));
        JsonNode alpha = r.body().get(0);
        assertEquals(2, alpha.path("members_with_roles").size());
        assertEquals(
                "admin", alpha.path("members_with_roles").get(0).path("role").asText());
        assertEquals("1mo", alpha.path("budgets").get(0).path("budget_duration").asText(), alpha.toString());
        assertEquals(0, alpha.path("spend").decimalValue().signum());
    }

    @Test
    void teamList_byUserId_listsOnlyTheTeamsItBelongsTo() {
        assertEquals(List.of("t-alpha"), ids(api.get("/team/list?user_id=u2").body(), "team_id"));
        assertEquals(List.of(), ids(api.get("/team/list?user_id=u3").body(), "team_id"));
    }

    @Test
    void teamList_withAnOrganization_is400_becauseThereAreNone() {
        Response r = api.get("/team/list?organization_id=org-1");

        assertEquals(400, r.status(), r.raw());
        assertEquals("organization_id", r.param());
    }

    @Test
    void v2TeamList_pagesAndSearchesByIdOrAlias() {
        JsonNode second = api.get("/v2/team/list?page=2&page_size=2").body();
        JsonNode search = api.get("/v2/team/list?search=SEARCH").body();
        JsonNode alias = api.get("/v2/team/list?team_alias=bet").body();

        assertEquals(List.of("t-gamma"), ids(second.path("teams"), "team_id"));
        assertEquals(3, second.path("total").asInt());
        assertEquals(2, second.path("page").asInt());
        assertEquals(2, second.path("page_size").asInt());
        assertEquals(2, second.path("total_pages").asInt());
        assertEquals(List.of("t-alpha"), ids(search.path("teams"), "team_id"));
        assertEquals(List.of("t-beta"), ids(alias.path("teams"), "team_id"));
    }

    @Test
    void userList_pagesByIdInLiteLlmsShape() {
        JsonNode first = api.get("/user/list?page_size=2").body();
        JsonNode last = api.get("/user/list?page=3&page_size=2").body();
        JsonNode beyond = api.get("/user/list?page=9&page_size=2").body();

        assertEquals(List.of("u1", "u2"), ids(first.path("users"), "user_id"));
        assertEquals(5, first.path("total").asInt());
        assertEquals(3, first.path("total_pages").asInt());
        assertEquals(List.of("u5"), ids(last.path("users"), "user_id"));
        assertEquals(List.of(), ids(beyond.path("users"), "user_id"));
        assertEquals(25, api.get("/user/list").body().path("page_size").asInt(), "LiteLLM's default page size");
        assertEquals(List.of("t-alpha"), toList(first.path("users").get(0).path("teams")));
    }

    @Test
    void userList_filtersByEmailTeamRoleIdsAndSearch() {
        assertEquals(
                List.of("u3"),
                ids(api.get("/user/list?user_email=PERSON3").body().path("users"), "user_id"));
        assertEquals(
                List.of("u1", "u2"),
                ids(api.get("/user/list?team=t-alpha").body().path("users"), "user_id"));
        assertEquals(
                List.of("u5"), ids(api.get("/user/list?role=proxy_admin").body().path("users"), "user_id"));
        assertEquals(
                List.of("u2", "u4"),
                ids(api.get("/user/list?user_ids=u4,%20u2").body().path("users"), "user_id"));
        assertEquals(List.of("u4"), ids(api.get("/user/list?search=u4").body().path("users"), "user_id"));
    }

    @Test
    void lists_refuseBadPagesWith400() {
        Response zero = api.get("/user/list?page=0");
        Response big = api.get("/v2/team/list?page_size=101");

        assertEquals(400, zero.status(), zero.raw());
        assertEquals("page", zero.param());
        assertEquals(400, big.status(), big.raw());
        assertEquals("page_size", big.param());
    }

    @Test
    void lists_refuseVirtualKeysWith403_asEveryAdminRoute() {
        for (String path : List.of("/team/list", "/v2/team/list", "/user/list")) {
            Response r = api.get(path, memberKey);

            assertEquals(403, r.status(), path + " " + r.raw());
            assertEquals("permission_error", r.error().path("type").asText());
        }
    }

    @Test
    void deletedTeam_leavesTheList() {
        ok(api.post("/team/new", "{\"team_id\":\"t-zeta\"}"));
        assertTrue(ids(api.get("/team/list").body(), "team_id").contains("t-zeta"));

        ok(api.post("/team/delete", "{\"team_ids\":[\"t-zeta\"]}"));

        assertEquals(
                List.of("t-alpha", "t-beta", "t-gamma"),
                ids(api.get("/team/list").body(), "team_id"));
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Response ok(Response r) {
        assertEquals(200, r.status(), r.raw());
        return r;
    }
}
