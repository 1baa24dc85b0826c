package dev.tollgate.analytics.report;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.analytics.report.LiteLlmReports.SpendFilters;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.analytics.testing.Sql;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.ApiKeys;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /global/spend/report}'s LiteLLM filters (team_id, api_key, internal_user_id, customer_id) on the rollups. */
class LiteLlmReportsFilterTest {
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 10, 31);
    private static final String ANA_KEY = "sk-ana-secret";

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static LiteLlmReports reports;
    private static TransactionOperations<Connection> tx;

    @BeforeAll
    static void start() {
        tx = PG.tx();
        JdbcRollupStore store = new JdbcRollupStore(tx, ZoneOffset.UTC);
        reports = new LiteLlmReports(new JdbcRollupReader(tx, PG.jdbc()), ZoneOffset.UTC);
        Instant oct5 = Instant.parse("2026-10-05T10:00:00Z");
        Instant oct6 = Instant.parse("2026-10-06T10:00:00Z");
        store.fold(
                "filters",
                List.of(
                        call("f1", oct5, "ml", "ana", "1").toBuilder()
                                .keyHash(ApiKeys.sha256Hex(ANA_KEY))
                                .endUser("acme")
                                .build(),
                        call("f2", oct6, "ml", "ana", "2").toBuilder()
                                .keyHash(ApiKeys.sha256Hex(ANA_KEY))
                                .endUser("globex")
                                .build(),
                        call("f3", oct5, "ml", "bo", "4").toBuilder()
                                .endUser("acme")
                                .build(),
                        call("f4", oct5, "web", "cy", "8").toBuilder()
                                .endUser("acme")
                                .build()));
    }

    @Test
    void teamId_narrowsTheTeamReport_toThatTeamsDaysKeysAndModels() {
        List<Map<String, Object>> report =
                reports.spendReport(FROM, TO, "team", new SpendFilters("ml", null, null, null));

        assertEquals(2, report.size(), "Oct 5 and Oct 6");
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, Object> day : report) {
            List<Map<String, Object>> teams = list(day.get("teams"));
            assertEquals(1, teams.size());
            assertEquals("ml", teams.get(0).get("team_name"));
            total = total.add((BigDecimal) teams.get(0).get("total_spend"));
        }
        assertEquals(0, new BigDecimal("7").compareTo(total), "1 + 2 + 4, not web's 8");
    }

    @Test
    void unknownTeam_givesAnEmptyReport_notAnError() {
        assertEquals(List.of(), reports.spendReport(FROM, TO, "team", new SpendFilters("nobody", null, null, null)));
        assertEquals(
                List.of(), reports.spendReport(FROM, TO, "customer", new SpendFilters(null, null, null, "nobody")));
    }

    @Test
    void blankFilters_areNoFilters() {
        assertEquals(
                reports.spendReport(FROM, TO, "team"),
                reports.spendReport(FROM, TO, "team", new SpendFilters(" ", "", null, "")));
    }

    @Test
    void apiKey_asTheKeyOrItsPrintedHash_answersPerKey_forThatKeyOnly() {
        String hash = ApiKeys.sha256Hex(ANA_KEY);
        for (String apiKey : List.of(ANA_KEY, hash, hash.toUpperCase(java.util.Locale.ROOT))) {
            List<Map<String, Object>> report =
                    reports.spendReport(FROM, TO, null, new SpendFilters(null, apiKey, null, null));
            assertEquals(1, report.size(), apiKey);
            assertEquals(hash, report.get(0).get("api_key"), "printed as the team report prints it");
            assertEquals(
                    0, new BigDecimal("3").compareTo((BigDecimal) report.get(0).get("total_cost")));
        }
        assertEquals(List.of(), reports.spendReport(FROM, TO, null, new SpendFilters(null, "sk-unknown", null, null)));
    }

    @Test
    void internalUserId_answersPerKey_forThatUsersCalls() {
        List<Map<String, Object>> report =
                reports.spendReport(FROM, TO, "team", new SpendFilters(null, null, "bo", null));
        assertEquals(1, report.size());
        assertEquals("key-bo", report.get(0).get("api_key"));
        assertEquals(0, new BigDecimal("4").compareTo((BigDecimal) report.get(0).get("total_cost")));
    }

    @Test
    void customerId_withTeamId_narrowsTheCustomerReport() {
        List<Map<String, Object>> report =
                reports.spendReport(FROM, TO, "customer", new SpendFilters("ml", null, null, "acme"));
        assertEquals(1, report.size(), "Oct 5 only: globex's call was on Oct 6");
        List<Map<String, Object>> customers = list(report.get(0).get("customers"));
        assertEquals(1, customers.size());
        assertEquals("acme", customers.get(0).get("customer"));
        assertEquals(
                0, new BigDecimal("5").compareTo((BigDecimal) customers.get(0).get("total_spend")), "1 + 4");
    }

    @Test
    void badGroupBy_isStillA400_withFilters() {
        assertThrows(
                GatewayException.class,
                () -> reports.spendReport(FROM, TO, "planet", new SpendFilters("ml", null, null, null)));
        assertThrows(
                GatewayException.class,
                () -> reports.spendReport(FROM, TO, "planet", new SpendFilters(null, ANA_KEY, null, null)));
    }

    @Test
    void teamFilter_readsRollupKeyDaily_inIndexOrder_withAParameter() {
        String sql = JdbcRollupReader.sql(
                RollupQuery.of(FROM, TO, Map.of(Dim.TEAM, "ml"), Dim.DAY, Dim.TEAM, Dim.KEY, Dim.MODEL));
        assertTrue(
                sql.contains("FROM rollup_key_daily")
                        && sql.contains("team_id = ?")
                        && !sql.contains("'ml'")
                        && !sql.contains("GROUP BY"),
                sql);
    }

    @Test
    void teamFilter_hasAnIndex_thatNeedsNoSort() {
        String sql = JdbcRollupReader.sql(
                RollupQuery.of(FROM, TO, Map.of(Dim.TEAM, "ml"), Dim.DAY, Dim.TEAM, Dim.KEY, Dim.MODEL));
        String plan = Sql.plan(tx, "rollup_key_daily", sql, FROM, TO, "ml");
        assertTrue(plan.contains("rollup_key_daily_team") && !plan.contains("Sort"), plan);
    }

    @Test
    void apiKeyAndCustomerFilters_eachHaveAnIndex() {
        // the per-key shape LiteLLM gives for api_key, and a customer's team report: both read rollup_daily
        String byKey = JdbcRollupReader.sql(RollupQuery.of(FROM, TO, Map.of(Dim.KEY, "k"), Dim.KEY, Dim.MODEL));
        String byCustomer = JdbcRollupReader.sql(
                RollupQuery.of(FROM, TO, Map.of(Dim.END_USER, "acme"), Dim.DAY, Dim.TEAM, Dim.KEY, Dim.MODEL));
        String keyPlan = plan(byKey, "k");
        assertTrue(keyPlan.contains("rollup_daily_key"), keyPlan);
        assertTrue(plan(byCustomer, "acme").contains("rollup_daily_end_user"), byCustomer);
    }

    /** EXPLAIN of a rollup query with the range and one filter value bound, on fresh statistics. */
    private static String plan(String sql, String value) {
        return Sql.plan(tx, "rollup_daily", sql, FROM, TO, value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
