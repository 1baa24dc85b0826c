package dev.tollgate.analytics.chargeback;

import static dev.tollgate.analytics.chargeback.AllocationRulesTest.body;
import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.CountingTx;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.errors.GatewayException;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Chargeback reports on PostgreSQL, from calls folded through the rollup path: the lines, exact sums,
 * the draft → finalized → exported lifecycle, and every export parsed back.
 */
class ChargebackReportsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static AllocationRules rules;
    private static ChargebackReports reports;
    private static ChargebackExports exports;
    private static TransactionOperations<Connection> tx;
    private static Clock clock;

    @BeforeAll
    static void start() {
        tx = PG.tx();
        clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
        rules = new AllocationRules(tx, JSON, clock);
        reports = new ChargebackReports(tx, rules, JSON, clock, ZoneOffset.UTC);
        exports = new ChargebackExports(JSON, reports);
        new JdbcRollupStore(tx, ZoneOffset.UTC)
                .fold(
                        "feb",
                        List.of(
                                call("m1", Instant.parse("2026-02-03T10:00:00Z"), "ml", "ana", "60"),
                                call("m2", Instant.parse("2026-02-27T23:00:00Z"), "ml", "bo", "40"),
                                call("w1", Instant.parse("2026-02-10T10:00:00Z"), "web", "cy", "7.005"),
                                call("o1", Instant.parse("2026-02-11T10:00:00Z"), "ops", "di", "1.234567"),
                                call("x1", Instant.parse("2026-03-01T00:00:01Z"), "ml", "ana", "500"),
                                call("y1", Instant.parse("2025-05-14T10:00:00Z"), "ml", "ana", "10"),
                                call("y2", Instant.parse("2025-05-15T10:00:00Z"), "web", "cy", "2.5"),
                                call("y3", Instant.parse("2025-05-16T10:00:00Z"), "", "cy", "0.125")));
        for (String n : List.of("one", "two", "three")) {
            rules.create(body("{\"name\": \"ml " + n + "\", \"team_id\": \"ml\", \"allocation_type\": \"cost_center\","
                    + " \"allocation_target\": \"CC-" + n + "\", \"allocation_percent\": 33.333333,"
                    + " \"metadata\": {\"company_code\": \"1000\", \"gl_account\": \"640000\","
                    + " \"offset_gl_account\": \"699999\"}}"));
        }
    }

    @Test
    void lifecycle_draftRegeneratedThenFinalizedThenExported_withExactSums() throws Exception {
        // GIVEN web books 60% to a project, ops has no rule
        Map<String, Object> web = rules.create(body("{\"name\": \"web shop\", \"team_id\": \"web\","
                + " \"allocation_type\": \"project\", \"allocation_target\": \"WBS-SHOP\", \"allocation_percent\": 60,"
                + " \"metadata\": {\"company_code\": \"2000\", \"gl_account\": \"641000\", \"wbs_element\":"
                + " \"P-0001.02\"}}"));

        // WHEN February is generated
        Map<String, Object> draft = reports.generate(body("{\"period\": \"2026-02\"}"));

        // THEN February's spend only (not March's call), exact, and the cents sum to the total
        assertEquals("draft", draft.get("status"));
        assertEquals("108.239567", draft.get("total_cost"));
        assertEquals(new BigDecimal("108.24"), draft.get("total"));
        assertEquals(draft.get("total"), sumAmounts(lines(draft)));
        Map<String, BigDecimal> teams = byKey(draft, "by_team", "team_id");
        assertEquals(new BigDecimal("100.00"), teams.get("ml"), "3 x 33.333333% of 100 still books 100.00");
        assertEquals(
                new BigDecimal("33.34"),
                byKey(draft, "by_allocation_target", "allocation_target").get("CC-one"));
        // unallocated: web's 40% (2.802), ops whole (1.234567) and ml's 0.000001% (0.000001)
        Map<?, ?> unallocated = (Map<?, ?>) draft.get("unallocated");
        assertEquals("4.036568", unallocated.get("cost"));
        assertEquals(new BigDecimal("4.04"), unallocated.get("amount"));

        // AND regenerating the draft after a rule change replaces it (same id)
        String id = (String) draft.get("id");
        rules.update((String) web.get("id"), body("{\"allocation_percent\": 50}"));
        Map<String, Object> again = reports.generate(body("{\"period\": \"2026-02\"}"));
        assertEquals(id, again.get("id"));
        assertEquals("4.737068", ((Map<?, ?>) again.get("unallocated")).get("cost"));
        assertEquals(
                1,
                reports.list(1, 120).items().stream()
                        .filter(r -> r.get("period").equals("2026-02"))
                        .count());

        // AND a draft cannot be exported
        assertEquals(
                409,
                assertThrows(GatewayException.class, () -> reports.markExported(id, "csv", "alice"))
                        .status());

        // WHEN finalized, THEN it is frozen: regenerate and finalize again are 409, rule changes don't reach it
        assertEquals("finalized", reports.finalizeReport(id).get("status"));
        assertEquals(
                409,
                assertThrows(GatewayException.class, () -> reports.generate(body("{\"period\": \"2026-02\"}")))
                        .status());
        assertEquals(
                409,
                assertThrows(GatewayException.class, () -> reports.finalizeReport(id))
                        .status());
        rules.update((String) web.get("id"), body("{\"allocation_percent\": 10}"));
        assertEquals("4.737068", ((Map<?, ?>) reports.get(id).get("unallocated")).get("cost"));

        // WHEN exported as CSV, THEN it parses back to the report's lines and marks the report exported
        ChargebackReports.Report exported = reports.markExported(id, "csv", "alice");
        List<List<String>> csv = parseCsv(exports.write(ChargebackExports.Format.CSV, exported));
        assertEquals(ChargebackExports.CSV_COLUMNS, csv.get(0));
        assertEquals(exported.lines().size(), csv.size() - 1);
        int amount = ChargebackExports.CSV_COLUMNS.indexOf("amount");
        assertEquals(
                new BigDecimal("108.24"),
                csv.subList(1, csv.size()).stream()
                        .map(r -> new BigDecimal(r.get(amount)))
                        .reduce(BigDecimal.ZERO, BigDecimal::add));
        assertTrue(csv.stream().anyMatch(r -> r.contains("unallocated") && r.contains("ops")));
        Map<String, Object> shown = reports.get(id);
        assertEquals("exported", shown.get("status"));
        assertEquals("alice", shown.get("exported_by"));
        assertEquals("2026-03-02T09:00:00Z", shown.get("exported_at"));

        // AND as JSON
        JsonNode json = JSON.readTree(exports.write(ChargebackExports.Format.JSON, exported));
        assertEquals(0, new BigDecimal("108.24").compareTo(json.path("total").decimalValue()));
        assertEquals(exported.lines().size(), json.path("lines").size());

        // AND as SAP: debits per allocated line, a balancing credit per company code, the file sums to zero
        List<List<String>> sap = parseCsv(exports.write(ChargebackExports.Format.SAP, exported));
        assertEquals(ChargebackExports.SAP_COLUMNS, sap.get(0));
        List<List<String>> rows = sap.subList(1, sap.size());
        assertEquals(4 + 2, rows.size(), "3 ml + 1 web debits, 2 company codes' credits");
        assertEquals(
                0,
                rows.stream()
                        .map(r -> new BigDecimal(r.get(6)))
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .signum());
        List<String> shop = rows.stream()
                .filter(r -> r.get(5).equals("P-0001.02"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("2000", "20260228", "SA", "641000", "", "P-0001.02", "3.50", "USD"), shop.subList(0, 8));
        List<String> credit1000 = rows.stream()
                .filter(r -> r.get(0).equals("1000") && r.get(6).startsWith("-"))
                .findFirst()
                .orElseThrow();
        assertEquals("699999", credit1000.get(3));
        assertEquals("-100.00", credit1000.get(6));
        assertNotNull(reports.get(id).get("exported_at"));
    }

    @Test
    void concurrentGenerations_ofANewMonth_leaveOneDraft_andAMonthWithoutSpendIsEmpty() throws Exception {
        // GIVEN January, which has no spend and no report yet; WHEN eight generations race
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Map<String, Object>>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(pool.submit(() -> reports.generate(body("{\"period\": \"2026-01\"}"))));
        }
        java.util.Set<Object> ids = new java.util.HashSet<>();
        for (var run : runs) {
            ids.add(run.get().get("id")); // none fails on the unique period
        }
        pool.shutdown();

        // THEN one report, with a zero total and no lines
        assertEquals(1, ids.size());
        Map<String, Object> jan = reports.get((String) ids.iterator().next());
        assertEquals(new BigDecimal("0.00"), jan.get("total"));
        assertEquals(0, lines(jan).size());
    }

    @Test
    void list_isOneStatementWhateverTheNumberOfReports_pagedNewestFirst_andShowsWhatGetShowsWithoutLines() {
        CountingTx counting = new CountingTx(tx);
        ChargebackReports counted = new ChargebackReports(
                counting, new AllocationRules(counting, JSON, clock), JSON, clock, ZoneOffset.UTC);
        for (String month : List.of("2025-01", "2025-02", "2025-03")) {
            reports.generate(body("{\"period\": \"" + month + "\"}"));
        }
        counting.reset();
        ChargebackReports.Page few = counted.list(1, 120);
        assertEquals(1, counting.statements().size(), counting.statements().toString());

        // May has lines of three teams (ml's three rules, web and no team unallocated)
        for (String month : List.of("2025-04", "2025-05", "2025-06", "2025-07", "2025-08")) {
            reports.generate(body("{\"period\": \"" + month + "\"}"));
        }
        counting.reset();
        ChargebackReports.Page many = counted.list(1, 120);
        assertEquals(1, counting.statements().size(), "one statement, not two per report");
        assertEquals(few.total() + 5, many.total());
        assertEquals(many.total(), many.items().size());

        // THEN each item is the report as GET /{id} shows it, less its lines (same keys, order, values, scales)
        List<String> periods = new ArrayList<>();
        for (Map<String, Object> item : many.items()) {
            Map<String, Object> full = new java.util.LinkedHashMap<>(reports.get((String) item.get("id")));
            full.remove("lines");
            assertEquals(full, item);
            assertEquals(List.copyOf(full.keySet()), List.copyOf(item.keySet()));
            periods.add((String) item.get("period"));
        }
        assertEquals(
                periods.stream().sorted(java.util.Comparator.reverseOrder()).toList(), periods);
        Map<String, Object> may = many.items().stream()
                .filter(r -> r.get("period").equals("2025-05"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                List.of("", "ml", "web"),
                List.copyOf(byKey(may, "by_team", "team_id").keySet()));
        assertEquals(3, ((List<?>) may.get("by_allocation_target")).size());
        assertEquals("2.6250001", ((Map<?, ?>) may.get("unallocated")).get("cost"));

        // AND pages of two, then past the end (the count still given), in one statement each
        counting.reset();
        ChargebackReports.Page second = counted.list(2, 2);
        ChargebackReports.Page past = counted.list(999, 2);
        assertEquals(2, counting.statements().size());
        assertEquals(many.items().subList(2, 4), second.items());
        assertEquals(many.total(), second.total());
        assertEquals(List.of(), past.items());
        assertEquals(many.total(), past.total());
    }

    @Test
    void period_mustBeAMonthThatHasStarted() {
        assertEquals(
                400,
                assertThrows(GatewayException.class, () -> reports.generate(body("{\"period\": \"2026-13\"}")))
                        .status());
        assertEquals(
                400,
                assertThrows(GatewayException.class, () -> reports.generate(body("{\"period\": \"2026-04\"}")))
                        .status());
        assertEquals(
                404,
                assertThrows(GatewayException.class, () -> reports.get("nope")).status());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("lines");
    }

    private static BigDecimal sumAmounts(List<Map<String, Object>> lines) {
        return lines.stream().map(l -> (BigDecimal) l.get("amount")).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, BigDecimal> byKey(Map<String, Object> report, String list, String key) {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) report.get(list)) {
            out.put((String) row.get(key), (BigDecimal) row.get("amount"));
        }
        return out;
    }

    /** An RFC 4180 reader, written apart from the exporter, so a quoting bug in one shows in the other. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r') {
                continue;
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        assertTrue(row.isEmpty() && cell.isEmpty() && !quoted, "the file ends with a complete row");
        return rows;
    }
}
