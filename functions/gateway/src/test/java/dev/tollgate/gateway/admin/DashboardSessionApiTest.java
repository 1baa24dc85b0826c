package dev.tollgate.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /auth/login and what a dashboard session may do (docs/dashboard.md, docs/decisions.md). */
class DashboardSessionApiTest {
    private static AdminServer server;

    @BeforeAll
    static void start() {
        server = AdminServer.start();
        server.post("/team/new", "{\"team_id\": \"sess-team\", \"max_budget\": 5}");
        server.post("/team/new", "{\"team_id\": \"other-team\"}");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String login(String key) {
        AdminServer.Response r = server.post("/auth/login", "{\"api_key\": \"" + key + "\"}", null);
        assertEquals(200, r.status(), r.raw());
        return r.body().path("token").asText();
    }

    private static String newKey(String alias) {
        AdminServer.Response r = server.post(
                "/key/generate", "{\"key_alias\": \"" + alias + "\", \"team_id\": \"sess-team\", \"max_budget\": 1}");
        assertEquals(200, r.status(), r.raw());
        return r.body().path("key").asText();
    }

    @Test
    void login_withTheMasterKey_givesAnAdminSession_thatTheAdminApiAccepts() {
        AdminServer.Response r = server.post("/auth/login", "{\"api_key\": \"" + AdminServer.MASTER + "\"}", null);

        assertEquals("admin", r.body().path("role").asText());
        assertEquals("Bearer", r.body().path("token_type").asText());
        assertTrue(r.body().path("token").asText().startsWith("tgs1."));
        assertEquals(
                200, server.get("/key/list", r.body().path("token").asText()).status());
    }

    @Test
    void login_withAWrongKey_isRefusedWithTheAuthenticatorsMessage() {
        AdminServer.Response r = server.post("/auth/login", "{\"api_key\": \"sk-wrong-key-000000000000\"}", null);

        assertEquals(401, r.status());
        assertTrue(r.error().path("message").asText().startsWith("Invalid API key"), r.raw());
    }

    @Test
    void login_withoutAKey_is400NamingTheField() {
        assertEquals("api_key", server.post("/auth/login", "{}", null).param());
    }

    @Test
    void virtualKeySession_seesItsOwnKeyTeamAndLogs_andIsStillRefusedByTheAdminRoutes() {
        String token = login(newKey("sess-own"));

        assertEquals(403, server.get("/key/list", token).status());
        assertEquals(403, server.post("/key/generate", "{}", token).status());
        assertEquals(200, server.get("/key/info", token).status());
        AdminServer.Response team = server.get("/team/info?team_id=sess-team", token);
        assertEquals(200, team.status(), team.raw());
        assertEquals(0, team.body().path("keys").size(), "no other member's keys");
        assertEquals(403, server.get("/team/info?team_id=other-team", token).status());
        assertEquals(200, server.get("/spend/logs", token).status());
        assertEquals(403, server.get("/spend/logs?api_key=someone-else", token).status());
        assertEquals(403, server.get("/alerts", token).status());
    }

    @Test
    void session_isNotAKeyForModelCalls() {
        String token = login(AdminServer.MASTER);

        assertEquals(401, server.get("/v1/models", token).status());
    }

    @Test
    void session_endsWhenItExpires_orWhenItsKeyIsBlocked() {
        String key = newKey("sess-blocked");
        String token = login(key);
        assertEquals(200, server.get("/key/info", token).status());

        server.post("/key/block", "{\"key\": \"" + key + "\"}");
        assertEquals(401, server.get("/key/info", token).status());

        String master = login(AdminServer.MASTER);
        server.clock.advance(Duration.ofMinutes(31));
        AdminServer.Response expired = server.get("/key/list", master);
        server.clock.advance(Duration.ofMinutes(-31));
        assertEquals(401, expired.status());
        assertTrue(expired.error().path("message").asText().contains("expired"), expired.raw());
    }
}
