package dev.tollgate.analytics.chargeback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.errors.GatewayException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The allocation rules' API on PostgreSQL: defaults, the 100% cap naming the rules, edits and deletes. */
class AllocationRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static AllocationRules rules;

    @BeforeAll
    static void start() {
        rules = new AllocationRules(PG.tx(), JSON, Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC));
    }

    static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void create_defaultsToOneHundredPercent_andKeepsTheMetadata() {
        Map<String, Object> rule = rules.create(body("{\"name\": \"ops all\", \"team_id\": \"ops\","
                + " \"allocation_type\": \"cost_center\", \"allocation_target\": \"CC-100\","
                + " \"metadata\": {\"gl_account\": \"640000\", \"company_code\": \"1000\"}}"));

        assertEquals(0, BigDecimal.valueOf(100).compareTo((BigDecimal) rule.get("allocation_percent")));
        Map<String, Object> read = rules.get((String) rule.get("id"));
        assertEquals(
                "640000", ((JsonNode) read.get("metadata")).path("gl_account").asText());
        assertEquals("ops", read.get("team_id"));
    }

    @Test
    void aTeamsRules_mayNotExceedOneHundredPercent_theRefusalNamesThem() {
        // GIVEN team data with 60% + 30%
        rules.create(body("{\"name\": \"data research\", \"team_id\": \"data\", \"allocation_type\": \"project\","
                + " \"allocation_target\": \"P-1\", \"allocation_percent\": 60}"));
        Map<String, Object> second = rules.create(body("{\"name\": \"data platform\", \"team_id\": \"data\","
                + " \"allocation_type\": \"department\", \"allocation_target\": \"D-9\", \"allocation_percent\": 30}"));

        // WHEN a third rule of 20% is created
        GatewayException e = assertThrows(
                GatewayException.class,
                () -> rules.create(body("{\"name\": \"data extra\", \"team_id\": \"data\", \"allocation_type\":"
                        + " \"cost_center\", \"allocation_target\": \"CC-2\", \"allocation_percent\": 20}")));

        // THEN 400 naming every rule of the team and the total
        assertEquals(400, e.status());
        assertTrue(e.getMessage().contains("'data research' (60%)"), e.getMessage());
        assertTrue(e.getMessage().contains("'data platform' (30%)"), e.getMessage());
        assertTrue(e.getMessage().contains("'data extra' (20%)"), e.getMessage());
        assertTrue(e.getMessage().contains("110%"), e.getMessage());

        // AND 10% fits; raising an existing rule past the cap is refused too
        rules.create(body("{\"name\": \"data rest\", \"team_id\": \"data\", \"allocation_type\": \"cost_center\","
                + " \"allocation_target\": \"CC-2\", \"allocation_percent\": 10}"));
        String id = (String) second.get("id");
        assertEquals(
                400,
                assertThrows(GatewayException.class, () -> rules.update(id, body("{\"allocation_percent\": 31}")))
                        .status());
        assertEquals(0, new BigDecimal("25").compareTo((BigDecimal)
                        rules.update(id, body("{\"allocation_percent\": 25}")).get("allocation_percent")));
    }

    @Test
    void validation_andNotFound() {
        assertEquals(
                400,
                assertThrows(
                                GatewayException.class,
                                () -> rules.create(body("{\"name\": \"x\","
                                        + " \"allocation_type\": \"cost_center\", \"allocation_target\": \"CC\"}")))
                        .status(),
                "neither team nor tag");
        assertEquals(
                400,
                assertThrows(
                                GatewayException.class,
                                () -> rules.create(body("{\"name\": \"x\","
                                        + " \"team_id\": \"t\", \"tag\": \"g\", \"allocation_type\": \"cost_center\","
                                        + " \"allocation_target\": \"CC\"}")))
                        .status(),
                "both team and tag");
        assertEquals(
                400,
                assertThrows(
                                GatewayException.class,
                                () -> rules.create(body("{\"name\": \"x\","
                                        + " \"team_id\": \"t\", \"allocation_type\": \"profit_center\","
                                        + " \"allocation_target\": \"CC\"}")))
                        .status());
        assertEquals(
                400,
                assertThrows(
                                GatewayException.class,
                                () -> rules.create(body("{\"name\": \"x\","
                                        + " \"team_id\": \"t\", \"allocation_type\": \"project\", \"allocation_target\": \"P\","
                                        + " \"allocation_percent\": 0}")))
                        .status());
        assertEquals(
                404,
                assertThrows(GatewayException.class, () -> rules.get("nope")).status());
        assertEquals(
                404,
                assertThrows(GatewayException.class, () -> rules.delete("nope")).status());

        Map<String, Object> tagged = rules.create(body("{\"name\": \"batch jobs\", \"tag\": \"batch\","
                + " \"allocation_type\": \"project\", \"allocation_target\": \"WBS-7\"}"));
        String id = (String) tagged.get("id");
        assertTrue(rules.list().stream().anyMatch(r -> id.equals(r.get("id"))));
        assertEquals(true, rules.delete(id).get("deleted"));
        assertEquals(
                404, assertThrows(GatewayException.class, () -> rules.get(id)).status());
    }
}
