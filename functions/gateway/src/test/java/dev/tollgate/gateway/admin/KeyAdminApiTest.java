package dev.tollgate.gateway.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.admin.AdminServer.Response;
import dev.tollgate.gateway.budget.Settlement;
import dev.tollgate.gateway.identity.ApiKeys;
import dev.tollgate.gateway.identity.BudgetLimits;
import dev.tollgate.gateway.identity.IdentityStore;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.testing.DynamoDbLocal;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /key/*} over HTTP against DynamoDB Local, and the keys it makes used on a proxied route. */
class KeyAdminApiTest {
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
    void generate_returnsLiteLlmShape_andTheKeyWorksOnModels() {
        Response r = api.post("/key/generate", """
                {"key_alias":"gen-shape","max_budget":10.25,"budget_duration":"1d","models":["mock-gpt-4o-mini"],
                 "tpm_limit":1000,"rpm_limit":10,"metadata":{"env":"test"},"tags":["prod"],
                 "budget_limits":[{"budget_duration":"1mo","max_budget":100}],"model_rpm_limit":{"mock-gpt-4o-mini":5}}""");

        assertEquals(200, r.status(), r.raw());
        JsonNode body = r.body();
        String key = body.path("key").asText();
        assertTrue(key.matches("sk-[A-Za-z0-9_-]{43}"), key);
        assertEquals(ApiKeys.sha256Hex(key), body.path("token").asText());
        assertEquals("gen-shape", body.path("key_alias").asText());
        assertEquals(key.substring(0, 8) + "...", body.path("key_name").asText());
        assertTrue(body.has("expires") && body.get("expires").isNull());
        assertTrue(body.get("user_id").isNull() && body.get("team_id").isNull());
        assertEquals(new BigDecimal("10.25"), body.path("max_budget").decimalValue());
        assertEquals("1d", body.path("budget_duration").asText());
        assertEquals(5, body.path("model_rpm_limit").path("mock-gpt-4o-mini").asInt());
        assertFalse(body.path("blocked").asBoolean());
        assertEquals(200, api.get("/v1/models", key).status());
    }

    @Test
    void block_refusesWith401KeyBlocked_andUnblockRestores() {
        String key = generate("{}").path("key").asText();

        assertEquals(200, api.post("/key/block", "{\"key\":\"" + key + "\"}").status());
        Response refused = api.get("/v1/models", key);
        assertEquals(
                true,
                api.get("/key/info?key=" + key)
                        .body()
                        .path("info")
                        .path("blocked")
                        .asBoolean());
        api.post("/key/unblock", "{\"key\":\"" + ApiKeys.sha256Hex(key) + "\"}");

        assertEquals(401, refused.status(), refused.raw());
        assertEquals("key_blocked", refused.code());
        assertEquals(200, api.get("/v1/models", key).status());
    }

    @Test
    void regenerate_withGrace_bothSecretsWork_thenTheOldOneStops() {
        JsonNode old = generate("{\"key_alias\":\"rotating\",\"max_budget\":3}");
        String oldKey = old.path("key").asText();

        Response r = api.post("/key/regenerate", "{\"key\":\"" + oldKey + "\",\"grace_period\":\"2s\"}");
        String newKey = r.body().path("key").asText();

        assertEquals(200, r.status(), r.raw());
        assertFalse(newKey.equals(oldKey));
        assertEquals("rotating", r.body().path("key_alias").asText());
        assertEquals(0, r.body().path("max_budget").decimalValue().compareTo(new BigDecimal("3")));
        assertEquals(200, api.get("/v1/models", oldKey).status());
        assertEquals(200, api.get("/v1/models", newKey).status());
        api.clock.advance(Duration.ofMillis(2_100));
        Response after = api.get("/v1/models", oldKey);
        assertEquals(401, after.status());
        assertEquals("key_regenerated", after.code());
        assertEquals(200, api.get("/v1/models", newKey).status());
    }

    @Test
    void regenerate_withoutGrace_oldSecretStopsAtOnce_andSpendCarriesOver() {
        String oldKey = generate("{\"max_budget\":5}").path("key").asText();
        charge(oldKey, "1.5");

        String newKey = api.post("/key/" + oldKey + "/regenerate", "")
                .body()
                .path("key")
                .asText();

        assertEquals(401, api.get("/v1/models", oldKey).status());
        assertEquals(200, api.get("/v1/models", newKey).status());
        JsonNode info = api.get("/key/info?key=" + newKey).body().path("info");
        assertEquals(0, info.path("spend").decimalValue().compareTo(new BigDecimal("1.5")));
    }

    @Test
    void expiredKey_isRefusedWith401KeyExpired() {
        JsonNode generated = generate("{\"duration\":\"1s\"}");
        String key = generated.path("key").asText();
        assertFalse(generated.path("expires").isNull());
        assertEquals(200, api.get("/v1/models", key).status());

        api.clock.advance(Duration.ofMillis(1_100));
        Response r = api.get("/v1/models", key);

        assertEquals(401, r.status());
        assertEquals("key_expired", r.code());
    }

    @Test
    void list_pagesNewestFirst_filtersByUser_andNeverShowsSecrets() {
        String user = "lister-" + UUID.randomUUID();
        assertEquals(
                200,
                api.post("/user/new", "{\"user_id\":\"" + user + "\",\"auto_create_key\":false}")
                        .status());
        StringBuilder secrets = new StringBuilder();
        String newest = null;
        for (int i = 0; i < 5; i++) {
            api.clock.advance(Duration.ofSeconds(1)); // the gateway's clock is the test's: keys made a second apart
            JsonNode k = generate("{\"user_id\":\"" + user + "\",\"key_alias\":\"" + user + "-" + i + "\"}");
            secrets.append(k.path("key").asText()).append(' ');
            newest = k.path("token").asText();
        }

        Response page1 = api.get("/key/list?user_id=" + user + "&page=1&size=2");
        Response page3 = api.get("/key/list?user_id=" + user + "&page=3&size=2&return_full_object=true");

        assertEquals(200, page1.status(), page1.raw());
        assertEquals(5, page1.body().path("total_count").asInt());
        assertEquals(3, page1.body().path("total_pages").asInt());
        assertEquals(1, page1.body().path("current_page").asInt());
        assertEquals(2, page1.body().path("keys").size());
        assertEquals(newest, page1.body().path("keys").get(0).asText());
        assertEquals(1, page3.body().path("keys").size());
        assertEquals(
                user + "-0", page3.body().path("keys").get(0).path("key_alias").asText());
        for (String secret : secrets.toString().trim().split(" ")) {
            assertFalse(page1.raw().contains(secret) || page3.raw().contains(secret));
        }
        assertEquals("size", api.get("/key/list?size=500").param());
    }

    @Test
    void secret_appearsOnlyInTheGenerateResponse_neverInInfoListOrTheTable() {
        String key = generate("{\"key_alias\":\"secret-check\",\"metadata\":{\"owner\":\"ops\"}}")
                .path("key")
                .asText();

        Response info = api.get("/key/info?key=" + key);
        Response list = api.get("/key/list?size=100&return_full_object=true");

        assertEquals(key, info.body().path("key").asText(), "info echoes the parameter it was given");
        assertFalse(info.body().path("info").toString().contains(key));
        assertFalse(list.raw().contains(key));
        DynamoDbLocal.scan(api.dynamo, api.table)
                .forEach(item ->
                        item.values().forEach(v -> assertFalse(String.valueOf(v).contains(key), item.toString())));
    }

    @Test
    void info_showsSpendLimitRemainingAndResetPerWindow() {
        JsonNode generated = generate("{\"max_budget\":10,\"budget_duration\":\"1d\","
                + "\"budget_limits\":[{\"budget_duration\":\"1mo\",\"max_budget\":50}],\"soft_budget\":8}");
        String key = generated.path("key").asText();
        charge(key, "2.5");

        JsonNode info = api.get("/key/info?key=" + generated.path("token").asText())
                .body()
                .path("info");

        assertEquals(0, info.path("spend").decimalValue().compareTo(new BigDecimal("2.5")));
        JsonNode daily = info.path("budgets").get(0);
        assertEquals("1d", daily.path("budget_duration").asText());
        assertEquals(0, daily.path("max_budget").decimalValue().compareTo(BigDecimal.TEN));
        assertEquals(0, daily.path("remaining").decimalValue().compareTo(new BigDecimal("7.5")));
        assertTrue(daily.path("reset_at").asText().endsWith("T00:00:00Z"), daily.toString());
        assertEquals(1, daily.path("requests").asInt());
        JsonNode monthly = info.path("budgets").get(1);
        assertEquals("1mo", monthly.path("budget_duration").asText());
        assertEquals(0, monthly.path("remaining").decimalValue().compareTo(new BigDecimal("47.5")));
        assertEquals(2, info.path("budgets").size(), "soft_budget is not a window");
    }

    @Test
    void update_changesOnlyTheFieldsGiven() {
        String key = generate("{\"key_alias\":\"upd\",\"max_budget\":1,\"models\":[\"a\"]}")
                .path("key")
                .asText();

        Response r = api.post("/key/update", "{\"key\":\"" + key + "\",\"max_budget\":2,\"duration\":\"30d\"}");

        assertEquals(200, r.status(), r.raw());
        assertEquals(0, r.body().path("max_budget").decimalValue().compareTo(new BigDecimal("2")));
        assertEquals("upd", r.body().path("key_alias").asText());
        assertEquals("a", r.body().path("models").get(0).asText());
        assertFalse(r.body().path("expires").isNull());
    }

    @Test
    void delete_byKeyAndByAlias_thenTheKeysStopWorking() {
        String a = generate("{}").path("key").asText();
        String b = generate("{\"key_alias\":\"to-delete\"}").path("key").asText();

        Response r = api.post("/key/delete", "{\"keys\":[\"" + a + "\"],\"key_aliases\":[\"to-delete\"]}");

        assertEquals(200, r.status(), r.raw());
        assertEquals(2, r.body().path("deleted_keys").size());
        assertEquals(401, api.get("/v1/models", a).status());
        assertEquals(401, api.get("/v1/models", b).status());
        assertEquals(404, api.get("/key/info?key=" + a).status());
    }

    @Test
    void duplicateAlias_is409NamingKeyAlias() {
        generate("{\"key_alias\":\"taken\"}");

        Response r = api.post("/key/generate", "{\"key_alias\":\"taken\"}");

        assertEquals(409, r.status(), r.raw());
        assertEquals("key_alias", r.param());
    }

    @Test
    void virtualKey_gets403OnAdminRoutes_andNoKeyGets401() {
        String key = generate("{}").path("key").asText();

        Response generate = api.post("/key/generate", "{}", key);
        Response list = api.get("/key/list", key);
        Response team = api.post("/team/new", "{}", key);
        Response none = api.get("/key/list", null);

        assertEquals(403, generate.status(), generate.raw());
        assertEquals("permission_error", generate.error().path("type").asText());
        assertEquals(403, list.status());
        assertEquals(403, team.status());
        assertEquals(401, none.status());
    }

    @Test
    void validation_namesTheField() {
        assertEquals("max_budge", bad("/key/generate", "{\"max_budge\":1}"));
        assertEquals("max_budget", bad("/key/generate", "{\"max_budget\":-1}"));
        assertEquals("budget_duration", bad("/key/generate", "{\"max_budget\":1,\"budget_duration\":\"2d\"}"));
        assertEquals("duration", bad("/key/generate", "{\"duration\":\"forever\"}"));
        assertEquals(
                "budget_limits[1].max_budget",
                bad(
                        "/key/generate",
                        "{\"budget_limits\":[{\"budget_duration\":\"1d\",\"max_budget\":1},{\"budget_duration\":\"1h\",\"max_budget\":-2}]}"));
        assertEquals("tpm_limit", bad("/key/generate", "{\"tpm_limit\":1.5}"));
        assertEquals("team_id", bad("/key/generate", "{\"team_id\":\"no-team-" + UUID.randomUUID() + "\"}"));
        assertEquals("key", bad("/key/generate", "{\"key\":\"not-an-sk-key\"}"));
        assertEquals(
                "key",
                bad("/key/generate", "{\"key\":\"" + AdminServer.MASTER + "-padding\"}".replace("-padding", "")));
        String key = generate("{}").path("key").asText();
        assertEquals("grace_period", bad("/key/regenerate", "{\"key\":\"" + key + "\",\"grace_period\":\"1 day\"}"));
        Response missing = api.get("/key/info?key=sk-does-not-exist-anywhere");
        assertEquals(404, missing.status());
        assertEquals("key", missing.param());
    }

    @Test
    void info_takesTheTokenInEitherCase_fromTheMasterKeyAndFromTheKeyItself() {
        JsonNode generated = generate("{}");
        String key = generated.path("key").asText();
        String upper = generated.path("token").asText().toUpperCase(java.util.Locale.ROOT);

        Response admin = api.get("/key/info?key=" + upper);
        Response self = api.get("/key/info?key=" + upper, key);

        assertEquals(200, admin.status(), admin.raw());
        assertEquals(
                generated.path("token").asText(),
                admin.body().path("info").path("token").asText());
        assertEquals(200, self.status(), "a key naming itself by its hash in upper case: " + self.raw());
        assertEquals(upper, self.body().path("key").asText());
        Response other = api.get(
                "/key/info?key=" + generate("{}").path("token").asText().toUpperCase(java.util.Locale.ROOT), key);
        assertEquals(403, other.status(), other.raw());
    }

    @Test
    void generate_forAUserNotSeenBefore_createsTheUser_asLiteLlmDoes() {
        String userId = "new-user-" + UUID.randomUUID();

        Response r = api.post("/key/generate", "{\"user_id\":\"" + userId + "\"}");

        assertEquals(200, r.status(), r.raw());
        Response user = api.get("/user/info?user_id=" + userId);
        assertEquals(200, user.status(), user.raw());
        assertTrue(user.raw().contains(r.body().path("token").asText()), "the user lists the new key");
    }

    private static String bad(String path, String json) {
        Response r = api.post(path, json);
        assertEquals(400, r.status(), path + " " + json + " → " + r.raw());
        assertEquals("invalid_request_error", r.error().path("type").asText());
        return r.param();
    }

    private static JsonNode generate(String json) {
        Response r = api.post("/key/generate", json);
        assertEquals(200, r.status(), r.raw());
        return r.body();
    }

    private static void charge(String key, String amount) {
        KeyRecord record = api.server
                .getApplicationContext()
                .getBean(IdentityStore.class)
                .key(ApiKeys.sha256Hex(key))
                .orElseThrow();
        api.ledger()
                .charge(
                        UUID.randomUUID().toString(),
                        BudgetLimits.forKey(record),
                        Settlement.withoutLog(new BigDecimal(amount), 10, 5));
    }
}
