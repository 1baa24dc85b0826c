package dev.tollgate.analytics.chargeback;

import static dev.tollgate.analytics.chargeback.AllocationRulesTest.body;
import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tag rules in a report: a call is booked once, to the first of its tags (alphabetically) that has rules;
 * what tag rules leave goes to the team's rules, then to unallocated; the lines sum exactly to the spend.
 */
class TagRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static AllocationRules rules;
    private static ChargebackReports reports;

    @BeforeAll
    static void start() {
        TransactionOperations<Connection> tx = PG.tx();
        Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
        rules = new AllocationRules(tx, JSON, clock);
        reports = new ChargebackReports(tx, rules, JSON, clock, ZoneOffset.UTC);
        Instant feb = Instant.parse("2026-02-10T10:00:00Z");
        new JdbcRollupStore(tx, ZoneOffset.UTC)
                .fold(
                        "feb",
                        List.of(
                                call("a", feb, "ml", "ana", "10"),
                                call("b", feb, "ml", "ana", "30", "prod"),
                                call("c", feb, "ml", "ana", "20", "prod", "batch"),
                                call("d", feb, "ml", "ana", "40", "batch"),
                                call("e", feb, "web", "bo", "10", "prod"),
                                call("f", feb, "web", "bo", "1", "prod", "other")));
        rule("{\"name\": \"prod platform\", \"tag\": \"prod\", \"allocation_type\": \"cost_center\","
                + " \"allocation_target\": \"CC-PROD\", \"allocation_percent\": 50}");
        rule("{\"name\": \"batch\", \"tag\": \"batch\", \"allocation_type\": \"project\","
                + " \"allocation_target\": \"P-BATCH\", \"allocation_percent\": 100}");
        rule("{\"name\": \"ml\", \"team_id\": \"ml\", \"allocation_type\": \"cost_center\","
                + " \"allocation_target\": \"CC-ML\", \"allocation_percent\": 100}");
    }

    private static void rule(String json) {
        rules.create(body(json));
    }

    @Test
    void generate_tagRulesFirst_eachCallOnce_thenTeamRules_thenUnallocated() {
        Map<String, Object> report = reports.generate(body("{\"period\": \"2026-02\"}"));

        // ml: prod 30 → 15 to CC-PROD, 15 to the team; prod+batch 20 → batch (first alphabetically) → P-BATCH;
        //     batch 40 → P-BATCH; untagged 10 → the team: CC-ML = 15 + 10 = 25, nothing unallocated.
        // web: prod 10 and prod+other 1 → 5.5 to CC-PROD, 5.5 left, no team rule → unallocated.
        // Σ = 20.5 + 60 + 25 + 5.5 = 111 = every call once (the tags' own totals overlap: prod 61, batch 60)
        assertEquals("111", report.get("total_cost"));
        Map<String, BigDecimal> targets = new TreeMap<>();
        for (Object o : (List<?>) report.get("by_allocation_target")) {
            Map<?, ?> m = (Map<?, ?>) o;
            targets.put((String) m.get("allocation_target"), (BigDecimal) m.get("amount"));
        }
        assertEquals(
                Map.of(
                        "CC-ML", new BigDecimal("25.00"),
                        "CC-PROD", new BigDecimal("20.50"),
                        "P-BATCH", new BigDecimal("60.00")),
                targets);
        assertEquals(new BigDecimal("5.50"), ((Map<?, ?>) report.get("unallocated")).get("amount"));
        BigDecimal sum = BigDecimal.ZERO;
        for (Object o : (List<?>) report.get("lines")) {
            sum = sum.add(new BigDecimal((String) ((Map<?, ?>) o).get("cost")));
        }
        assertEquals(0, new BigDecimal("111").compareTo(sum), "exact lines sum to the spend");
        Map<String, BigDecimal> teams = new TreeMap<>();
        for (Object o : (List<?>) report.get("by_team")) {
            Map<?, ?> m = (Map<?, ?>) o;
            teams.put((String) m.get("team_id"), (BigDecimal) m.get("amount"));
        }
        assertEquals(Map.of("ml", new BigDecimal("100.00"), "web", new BigDecimal("11.00")), teams);
    }
}
