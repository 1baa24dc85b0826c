package dev.tollgate.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.testing.FakeUpstream;
import dev.tollgate.gateway.testing.StoredGateway;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-model ({@code model_max_budget}) and per-session ({@code max_budget_per_session},
 * {@code max_requests_per_session}) budgets through the gateway on DynamoDB Local: the refusal names the
 * model or the session, {@code /key/info} shows the model budgets, the session id comes from a header or
 * {@code metadata.session_id}.
 */
class ModelAndSessionBudgetsTest {
    private static FakeUpstream upstream;
    private static StoredGateway gateway;

    @BeforeAll
    static void start() {
        upstream = new FakeUpstream();
        gateway = StoredGateway.start("""
                models:
                  - name: gpt-4o-mini
                    api_base: %1$s
                    max_retries: 0
                  - name: gpt-4o
                    api_base: %1$s
                    max_retries: 0
                settings:
                  budgets: {max_wait_ms: 0}
                """.formatted(upstream.baseUrl()));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    private static String chat(String model, String extra) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"
                + extra + "}";
    }

    @Test
    void modelBudget_refusesThatModelOnly_namesIt_andKeyInfoShowsIt() {
        // GIVEN a key whose gpt-4o budget ($0.001) one call spends: its worst case with max_tokens 10 fits, but the
        // fake upstream reports 1,200 + 300 tokens (about $0.0045), recorded as they are
        String key = gateway.key("{\"key_alias\":\"m-" + UUID.randomUUID()
                + "\",\"model_max_budget\":{\"gpt-4o\":{\"budget_limit\":0.001,\"time_period\":\"1d\"}}}");
        HttpResponse<String> spends = gateway.post("/v1/chat/completions", chat("gpt-4o", ""), key);

        HttpResponse<String> refused = gateway.post("/v1/chat/completions", chat("gpt-4o", ""), key);
        HttpResponse<String> otherModel = gateway.post("/v1/chat/completions", chat("gpt-4o-mini", ""), key);
        JsonNode info = StoredGateway.json(gateway.get("/key/info", key).body());

        assertEquals(200, spends.statusCode(), spends.body());
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("model 'gpt-4o'"), refused.body());
        assertEquals(200, otherModel.statusCode(), otherModel.body());
        JsonNode row = info.path("info").path("model_budgets").path(0);
        assertEquals("gpt-4o", row.path("model").asText(), info.toString());
        assertEquals("1d", row.path("budget_duration").asText());
        assertEquals(0, new BigDecimal("0.001").compareTo(row.path("max_budget").decimalValue()));
    }

    @Test
    void teamModelBudget_refusesEveryKeyOfTheTeam_andTeamInfoShowsIt() {
        String team = "t-" + UUID.randomUUID();
        gateway.post(
                "/team/new",
                "{\"team_id\":\"" + team + "\",\"model_max_budget\":{\"gpt-4o\":{\"budget_limit\":0.001}}}",
                StoredGateway.MASTER);
        String first = gateway.key("{\"team_id\":\"" + team + "\"}");
        String second = gateway.key("{\"team_id\":\"" + team + "\"}");

        HttpResponse<String> spends = gateway.post("/v1/chat/completions", chat("gpt-4o", ""), first);
        HttpResponse<String> refused = gateway.post("/v1/chat/completions", chat("gpt-4o", ""), second);
        JsonNode info = StoredGateway.json(
                gateway.get("/team/info?team_id=" + team, StoredGateway.MASTER).body());

        assertEquals(200, spends.statusCode(), spends.body());
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("model 'gpt-4o' in team '" + team + "'"), refused.body());
        JsonNode row = info.path("team_info").path("model_budgets").path(0);
        assertEquals("gpt-4o", row.path("model").asText(), info.toString());
        assertEquals("lifetime", row.path("budget_duration").asText());
        assertTrue(row.path("spend").decimalValue().signum() > 0);
    }

    @Test
    void sessionRequestLimit_fromTheHeader_refusesTheThirdCall_andSaysItIsTheSession() {
        String key = gateway.key("{\"max_requests_per_session\":2}");
        Map<String, String> session = Map.of("x-tollgate-session-id", "run-" + UUID.randomUUID());

        HttpResponse<String> first = gateway.post("/v1/chat/completions", chat("gpt-4o-mini", ""), key, session);
        HttpResponse<String> second = gateway.post("/v1/chat/completions", chat("gpt-4o-mini", ""), key, session);
        HttpResponse<String> third = gateway.post("/v1/chat/completions", chat("gpt-4o-mini", ""), key, session);
        HttpResponse<String> otherSession = gateway.post(
                "/v1/chat/completions",
                chat("gpt-4o-mini", ""),
                key,
                Map.of("x-litellm-trace-id", "other-" + UUID.randomUUID()));

        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        assertEquals(429, third.statusCode(), third.body());
        assertTrue(third.body().contains("session '" + session.get("x-tollgate-session-id") + "'"), third.body());
        assertEquals(200, otherSession.statusCode());
    }

    @Test
    void sessionBudget_fromMetadata_refusesOnceSpent_andTheLogCarriesTheSession() {
        String key = gateway.key("{\"max_budget_per_session\":0.0002}");
        String sessionId = "meta-" + UUID.randomUUID();
        String body = chat("gpt-4o-mini", ",\"metadata\":{\"session_id\":\"" + sessionId + "\"}");

        HttpResponse<String> first = gateway.post("/v1/chat/completions", body, key);
        HttpResponse<String> second = gateway.post("/v1/chat/completions", body, key);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(sessionId, gateway.logLine(first).path("session_id").asText());
        assertEquals(429, second.statusCode(), second.body());
        assertTrue(second.body().contains("session '" + sessionId + "'"), second.body());
    }
}
