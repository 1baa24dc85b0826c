package dev.tollgate.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.admin.AdminServer.Response;
import dev.tollgate.gateway.budget.Settlement;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.TeamRecord;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /user/*} and {@code /team/*} over HTTP against DynamoDB Local. */
class TeamUserAdminApiTest {
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
    void userNew_withTeamId_joinsTheTeam_andItsKeyBelongsToTheTeam() {
        String team = id("t");
        String user = id("u");
        assertEquals(
                200, api.post("/team/new", "{\"team_id\":\"" + team + "\"}").status());

        Response r = api.post(
                "/user/new",
                "{\"user_id\":\"" + user + "\",\"team_id\":\"" + team
                        + "\",\"budget_duration\":\"monthly\",\"max_budget\":5}");

        assertEquals(200, r.status(), r.raw());
        JsonNode teamInfo = api.get("/team/info?team_id=" + team).body();
        assertEquals(
                user, teamInfo.path("team_memberships").get(0).path("user_id").asText(), teamInfo.toString());
        assertEquals(team, teamInfo.path("keys").get(0).path("team_id").asText());
        JsonNode userInfo = api.get("/user/info?user_id=" + user).body();
        assertEquals(team, userInfo.path("user_info").path("teams").get(0).asText(), userInfo.toString());
        assertEquals(
                400,
                api.post("/user/new", "{\"user_id\":\"" + id("u") + "\",\"team_id\":\"no-such-team\"}")
                        .status());
    }

    @Test
    void userNew_createsAKeyByDefault_likeLiteLlm() {
        String user = id("u");

        Response r = api.post(
                "/user/new", "{\"user_id\":\"" + user + "\",\"user_email\":\"a@example.com\",\"max_budget\":20}");
        Response noKey = api.post("/user/new", "{\"user_id\":\"" + id("u") + "\",\"auto_create_key\":false}");

        assertEquals(200, r.status(), r.raw());
        assertEquals(user, r.body().path("user_id").asText());
        assertEquals("a@example.com", r.body().path("user_email").asText());
        String key = r.body().path("key").asText();
        assertTrue(key.startsWith("sk-"));
        assertEquals(200, api.get("/v1/models", key).status());
        assertFalse(noKey.body().has("key"));
        JsonNode info = api.get("/user/info?user_id=" + user).body();
        assertEquals(1, info.path("keys").size());
        assertEquals(
                0,
                info.path("user_info")
                        .path("budgets")
                        .get(0)
                        .path("max_budget")
                        .decimalValue()
                        .compareTo(new BigDecimal("20")));
        assertEquals(
                409, api.post("/user/new", "{\"user_id\":\"" + user + "\"}").status());
    }

    @Test
    void memberAdd_andMemberDelete_keepTeamAndUserInStep() {
        String user = newUser();
        String team = id("t");
        assertEquals(
                200,
                api.post("/team/new", "{\"team_id\":\"" + team + "\",\"team_alias\":\"ML\",\"max_budget\":100}")
                        .status());

        Response added = api.post(
                "/team/member_add",
                "{\"team_id\":\"" + team + "\",\"member\":{\"user_id\":\"" + user
                        + "\",\"role\":\"admin\"},\"max_budget_in_team\":5,\"budget_duration\":\"1d\"}");

        assertEquals(200, added.status(), added.raw());
        JsonNode member = added.body().path("members_with_roles").get(0);
        assertEquals(user, member.path("user_id").asText());
        assertEquals("admin", member.path("role").asText());
        assertEquals(0, member.path("max_budget_in_team").decimalValue().compareTo(new BigDecimal("5")));
        assertEquals(
                team,
                added.body().path("updated_users").get(0).path("teams").get(0).asText());
        JsonNode info = api.get("/team/info?team_id=" + team).body();
        JsonNode membership = info.path("team_memberships").get(0);
        assertEquals(
                0,
                membership
                        .path("litellm_budget_table")
                        .path("max_budget")
                        .decimalValue()
                        .compareTo(new BigDecimal("5")));
        assertEquals(
                "1d", membership.path("budgets").get(0).path("budget_duration").asText());
        assertEquals(
                team,
                api.get("/user/info?user_id=" + user)
                        .body()
                        .path("teams")
                        .get(0)
                        .path("team_id")
                        .asText());

        Response removed =
                api.post("/team/member_delete", "{\"team_id\":\"" + team + "\",\"user_id\":\"" + user + "\"}");

        assertEquals(200, removed.status(), removed.raw());
        assertEquals(0, removed.body().path("members_with_roles").size());
        assertEquals(
                0, api.get("/user/info?user_id=" + user).body().path("teams").size());
    }

    @Test
    void memberAdd_refusesUnknownUserTeamAndDuplicates() {
        String user = newUser();
        String team = id("t");
        api.post("/team/new", "{\"team_id\":\"" + team + "\",\"members_with_roles\":[{\"user_id\":\"" + user + "\"}]}");

        Response unknownUser = api.post(
                "/team/member_add",
                "{\"team_id\":\"" + team + "\",\"member\":{\"user_id\":\"ghost-" + UUID.randomUUID() + "\"}}");
        Response unknownTeam = api.post(
                "/team/member_add",
                "{\"team_id\":\"nope-" + UUID.randomUUID() + "\",\"member\":{\"user_id\":\"" + user + "\"}}");
        Response duplicate = api.post(
                "/team/member_add", "{\"team_id\":\"" + team + "\",\"member\":{\"user_id\":\"" + user + "\"}}");
        Response badRole = api.post(
                "/team/member_add",
                "{\"team_id\":\"" + team + "\",\"member\":{\"user_id\":\"" + user + "\",\"role\":\"owner\"}}");

        assertEquals(400, unknownUser.status(), unknownUser.raw());
        assertEquals("member.user_id", unknownUser.param());
        assertEquals(404, unknownTeam.status(), unknownTeam.raw());
        assertEquals("team_id", unknownTeam.param());
        assertEquals(409, duplicate.status(), duplicate.raw());
        assertEquals("member.role", badRole.param());
    }

    @Test
    void teamInfo_listsTeamKeys_andTeamMemberSpend() {
        String user = newUser();
        String team = id("t");
        api.post(
                "/team/new",
                "{\"team_id\":\"" + team + "\",\"max_budget\":50,\"budget_duration\":\"1mo\","
                        + "\"members_with_roles\":[{\"user_id\":\"" + user + "\",\"max_budget_in_team\":4}]}");
        Response key = api.post("/key/generate", "{\"team_id\":\"" + team + "\",\"user_id\":\"" + user + "\"}");
        TeamRecord record = api.server
                .getApplicationContext()
                .getBean(IdentityStore.class)
                .team(team)
                .orElseThrow();
        api.ledger()
                .charge(
                        UUID.randomUUID().toString(),
                        BudgetLimits.forTeamMember(record, user),
                        Settlement.withoutLog(new BigDecimal("1.25"), 1, 1));

        JsonNode info = api.get("/team/info?team_id=" + team).body();

        assertEquals(team, info.path("team_id").asText());
        assertEquals(
                key.body().path("token").asText(),
                info.path("keys").get(0).path("token").asText());
        assertEquals(
                "1mo",
                info.path("team_info")
                        .path("budgets")
                        .get(0)
                        .path("budget_duration")
                        .asText());
        JsonNode membership = info.path("team_memberships").get(0);
        assertEquals(0, membership.path("spend").decimalValue().compareTo(new BigDecimal("1.25")));
        assertEquals(
                0,
                membership
                        .path("budgets")
                        .get(0)
                        .path("remaining")
                        .decimalValue()
                        .compareTo(new BigDecimal("2.75")));
    }

    @Test
    void blockedTeam_refusesItsKeysWith403() {
        String team = id("t");
        api.post("/team/new", "{\"team_id\":\"" + team + "\"}");
        String key = api.post("/key/generate", "{\"team_id\":\"" + team + "\"}")
                .body()
                .path("key")
                .asText();

        api.post("/team/update", "{\"team_id\":\"" + team + "\",\"blocked\":true}");
        Response r = api.get("/v1/models", key);

        assertEquals(403, r.status(), r.raw());
        assertEquals("team_blocked", r.code());
    }

    @Test
    void teamDelete_deletesItsKeys_andMemberships() {
        String user = newUser();
        String team = id("t");
        api.post("/team/new", "{\"team_id\":\"" + team + "\",\"members_with_roles\":[{\"user_id\":\"" + user + "\"}]}");
        String key = api.post("/key/generate", "{\"team_id\":\"" + team + "\"}")
                .body()
                .path("key")
                .asText();

        Response r = api.post("/team/delete", "{\"team_ids\":[\"" + team + "\"]}");

        assertEquals(200, r.status(), r.raw());
        assertEquals(team, r.body().path("deleted_teams").get(0).asText());
        assertEquals(401, api.get("/v1/models", key).status());
        assertEquals(404, api.get("/team/info?team_id=" + team).status());
        assertEquals(
                0, api.get("/user/info?user_id=" + user).body().path("teams").size());
    }

    @Test
    void userDelete_deletesItsKeys_andLeavesItsTeams() {
        String team = id("t");
        api.post("/team/new", "{\"team_id\":\"" + team + "\"}");
        Response created = api.post("/user/new", "{\"user_id\":\"" + id("u") + "\"}");
        String user = created.body().path("user_id").asText();
        api.post("/team/member_add", "{\"team_id\":\"" + team + "\",\"member\":[{\"user_id\":\"" + user + "\"}]}");

        Response r = api.post("/user/delete", "{\"user_ids\":[\"" + user + "\"]}");

        assertEquals(200, r.status(), r.raw());
        assertEquals(
                401, api.get("/v1/models", created.body().path("key").asText()).status());
        assertEquals(404, api.get("/user/info?user_id=" + user).status());
        assertEquals(
                0,
                api.get("/team/info?team_id=" + team)
                        .body()
                        .path("team_memberships")
                        .size());
    }

    @Test
    void userAndTeamUpdate_validateFields() {
        String user = newUser();
        String team = id("t");
        api.post("/team/new", "{\"team_id\":\"" + team + "\"}");

        assertEquals(
                "soft_budget",
                api.post("/user/update", "{\"user_id\":\"" + user + "\",\"soft_budget\":-3}")
                        .param());
        assertEquals(
                "members",
                api.post("/team/update", "{\"team_id\":\"" + team + "\",\"members\":[]}")
                        .param());
        assertEquals(
                "budget_duration",
                api.post("/team/update", "{\"team_id\":\"" + team + "\",\"budget_duration\":\"fortnight\"}")
                        .param());
        Response ok =
                api.post("/user/update", "{\"user_id\":\"" + user + "\",\"max_budget\":7,\"budget_duration\":\"7d\"}");
        assertEquals(200, ok.status(), ok.raw());
        assertEquals("7d", ok.body().path("budget_duration").asText());
        assertEquals(
                404,
                api.post("/user/update", "{\"user_id\":\"ghost-" + UUID.randomUUID() + "\"}")
                        .status());
    }

    private static String newUser() {
        String user = id("u");
        Response r = api.post("/user/new", "{\"user_id\":\"" + user + "\",\"auto_create_key\":false}");
        assertEquals(200, r.status(), r.raw());
        return user;
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
