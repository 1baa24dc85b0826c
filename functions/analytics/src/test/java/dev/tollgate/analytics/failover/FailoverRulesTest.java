package dev.tollgate.analytics.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The failover rules API's service on a real (embedded) PostgreSQL: CRUD, validation, cycles. */
class FailoverRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static TransactionOperations<Connection> tx;
    private static FailoverRules rules;

    @BeforeAll
    static void start() {
        tx = PG.tx();
        rules = new FailoverRules(
                new JdbcFailoverStore(tx),
                () -> List.of("gpt-4o", "gpt-4o-mini", "claude-haiku", "llama"),
                Clock.fixed(Instant.parse("2026-11-02T10:00:00Z"), ZoneOffset.UTC));
    }

    @BeforeEach
    void empty() {
        PG.truncate("failover_rule");
    }

    private static Map<String, Object> create(String body) throws Exception {
        return rules.create(JSON.readTree(body));
    }

    private static GatewayException refused(String body) {
        return assertThrows(GatewayException.class, () -> create(body));
    }

    @Test
    void create_readsBack_andPutChangesOnlyTheNamedFields() throws Exception {
        Map<String, Object> created = create("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"claude-haiku\","
                + "\"trigger_condition\":\"error_rate\",\"trigger_threshold\":0.1,\"cooldown_minutes\":10}");
        String id = (String) created.get("id");
        assertEquals("inactive", created.get("status"));
        assertEquals(created, rules.get(id));
        assertEquals(1, rules.list().size());

        Map<String, Object> changed = rules.update(id, JSON.readTree("{\"cooldown_minutes\":30}"));
        assertEquals(30, changed.get("cooldown_minutes"));
        assertEquals(0.1, changed.get("trigger_threshold"));
        assertEquals("claude-haiku", changed.get("fallback_model"));

        Map<String, Object> violation = rules.update(id, JSON.readTree("{\"trigger_condition\":\"sla_violation\"}"));
        assertNull(violation.get("trigger_threshold"), "a new condition does not inherit the old threshold");

        rules.delete(id);
        assertEquals(
                404, assertThrows(GatewayException.class, () -> rules.get(id)).status());
    }

    @Test
    void unknownFallback_isA400NamingTheFieldAndTheModels() {
        GatewayException e = refused("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"gpt-5\","
                + "\"trigger_condition\":\"error_rate\",\"trigger_threshold\":0.1}");
        assertEquals(400, e.status());
        assertEquals("fallback_model", e.param());
        assertTrue(e.getMessage().contains("'gpt-5' does not exist on this gateway"), e.getMessage());
    }

    @Test
    void aRuleClosingACycle_isRefused_directlyOrThroughOtherRules() throws Exception {
        create(
                "{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"gpt-4o-mini\",\"trigger_condition\":\"sla_violation\"}");
        create(
                "{\"primary_model\":\"gpt-4o-mini\",\"fallback_model\":\"llama\",\"trigger_condition\":\"sla_violation\"}");

        GatewayException direct = refused("{\"primary_model\":\"gpt-4o-mini\",\"fallback_model\":\"gpt-4o\","
                + "\"trigger_condition\":\"availability\",\"trigger_threshold\":0.9}");
        assertEquals(400, direct.status());
        assertTrue(direct.getMessage().contains("gpt-4o-mini → gpt-4o → gpt-4o-mini"), direct.getMessage());

        GatewayException through = refused("{\"primary_model\":\"llama\",\"fallback_model\":\"gpt-4o\","
                + "\"trigger_condition\":\"latency_p95\",\"trigger_threshold\":3000}");
        assertTrue(through.getMessage().contains("llama → gpt-4o → gpt-4o-mini → llama"), through.getMessage());

        // a second fallback for the same primary is no cycle
        create("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"llama\",\"trigger_condition\":\"error_rate\","
                + "\"trigger_threshold\":0.2}");
    }

    @Test
    void updateThatWouldCloseACycle_isRefused_andTheRuleIsUnchanged() throws Exception {
        create(
                "{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"gpt-4o-mini\",\"trigger_condition\":\"sla_violation\"}");
        String id = (String) create("{\"primary_model\":\"llama\",\"fallback_model\":\"claude-haiku\","
                        + "\"trigger_condition\":\"sla_violation\"}")
                .get("id");
        JsonNode body = JSON.readTree("{\"primary_model\":\"gpt-4o-mini\",\"fallback_model\":\"gpt-4o\"}");
        assertThrows(GatewayException.class, () -> rules.update(id, body));
        assertEquals("llama", rules.get(id).get("primary_model"));
    }

    @Test
    void validation_namesTheField() {
        assertEquals(
                "fallback_model",
                refused("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"gpt-4o\","
                                + "\"trigger_condition\":\"sla_violation\"}")
                        .param());
        assertEquals(
                "trigger_condition",
                refused("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"llama\","
                                + "\"trigger_condition\":\"p99\"}")
                        .param());
        assertEquals(
                "trigger_threshold",
                refused("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"llama\","
                                + "\"trigger_condition\":\"error_rate\"}")
                        .param());
        assertEquals(
                "trigger_threshold",
                refused("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"llama\","
                                + "\"trigger_condition\":\"availability\",\"trigger_threshold\":1.5}")
                        .param());
        assertEquals(
                "trigger_threshold",
                refused("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"llama\","
                                + "\"trigger_condition\":\"sla_violation\",\"trigger_threshold\":1}")
                        .param());
        assertEquals(
                "cooldown_minutes",
                refused("{\"primary_model\":\"gpt-4o\",\"fallback_model\":\"llama\","
                                + "\"trigger_condition\":\"sla_violation\",\"cooldown_minutes\":1}")
                        .param());
        assertEquals(
                "primary_model",
                refused("{\"fallback_model\":\"llama\",\"trigger_condition\":\"sla_violation\"}")
                        .param());
        assertEquals("colour", refused("{\"colour\":\"red\"}").param());
    }
}
