package dev.tollgate.analytics.report;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.analytics.testing.Sql;
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

/** Which rollup a query reads, and that every path gives the same totals. */
class JdbcRollupReaderTest {
    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static JdbcRollupStore store;
    private static JdbcRollupReader reader;
    private static TransactionOperations<Connection> tx;

    @BeforeAll
    static void start() {
        tx = PG.tx();
        store = new JdbcRollupStore(tx, ZoneOffset.UTC);
        reader = new JdbcRollupReader(tx, PG.jdbc());
        store.fold(
                "a",
                List.of(
                        call("r1", Instant.parse("2026-10-01T10:00:00Z"), "ml", "ana", "1", "prod"),
                        call("r2", Instant.parse("2026-10-31T10:00:00Z"), "ml", "bo", "2"),
                        call("r3", Instant.parse("2026-11-01T10:00:00Z"), "web", "ana", "4"),
                        call("r4", Instant.parse("2026-11-15T10:00:00Z"), "web", "ana", "8")));
    }

    @Test
    void months_wholeMonthsOnly_andTheCurrentMonthWhenTheRangeRunsThroughToday() {
        LocalDate oct1 = LocalDate.of(2026, 10, 1);
        LocalDate nov15 = LocalDate.of(2026, 11, 15);
        assertArrayEquals(
                new LocalDate[] {oct1, oct1}, JdbcRollupReader.months(RollupQuery.of(oct1, nov15, Map.of(), Dim.TEAM)));
        assertArrayEquals(
                new LocalDate[] {oct1, LocalDate.of(2026, 11, 1)},
                JdbcRollupReader.months(
                        RollupQuery.of(oct1, nov15, Map.of(), Dim.TEAM).throughToday(nov15)));
        assertNull(JdbcRollupReader.months(RollupQuery.of(oct1.plusDays(1), nov15, Map.of(), Dim.TEAM)));
        assertNull(JdbcRollupReader.months(RollupQuery.of(oct1, nov15, Map.of(), Dim.DAY)), "days need daily rows");
        assertNull(JdbcRollupReader.months(RollupQuery.of(oct1, nov15, Map.of(), Dim.KEY)), "keys need rollup_daily");
    }

    @Test
    void byClient_readsTheDailyRollup_oneRowPerTool_withCacheSavings() {
        // GIVEN calls of one key on one day and model, made through two tools, one answered from the cache
        Instant day = Instant.parse("2027-01-05T10:00:00Z");
        store.fold(
                "clients",
                List.of(
                        call("c1", day, "ml", "cy", "1").toBuilder()
                                .caller("claude-cli/2.1.328", "claude-code", "s1")
                                .build(),
                        call("c2", day, "ml", "cy", "2").toBuilder()
                                .caller("claude-cli/2.1.328", "claude-code", "s1")
                                .build(),
                        call("c3", day, "ml", "cy", "0").toBuilder()
                                .caller("codex_cli_rs/0.169.0", "codex", "s2")
                                .cacheHit(new BigDecimal("3"))
                                .build()));
        LocalDate jan5 = LocalDate.of(2027, 1, 5);

        // WHEN grouped by client
        List<RollupRow> rows = reader.query(RollupQuery.of(jan5, jan5, Map.of(), Dim.CLIENT));

        // THEN one row per tool, each with its own spend (the key, day and model are the same)
        assertEquals(2, rows.size());
        Map<String, BigDecimal> byClient = new java.util.TreeMap<>();
        rows.forEach(r -> byClient.put(r.get(Dim.CLIENT), r.totals().cost()));
        assertEquals(0, new BigDecimal("3").compareTo(byClient.get("claude-code")));
        assertEquals(0, BigDecimal.ZERO.compareTo(byClient.get("codex")));
        assertEquals(0, new BigDecimal("3").compareTo(savedCost(jan5, "codex")));
        // AND the summary's savings read the same rows: one hit, $3 saved
        RollupReader.CacheSavings saved = reader.cacheSavings(jan5, jan5);
        assertEquals(1, saved.hits());
        assertEquals(0, new BigDecimal("3").compareTo(saved.savedCost()));
    }

    /** What rollup_daily says the cache saved a client on a day. */
    private static BigDecimal savedCost(LocalDate day, String client) {
        return Sql.value(
                tx,
                PG.jdbc(),
                BigDecimal.class,
                "SELECT sum(saved_cost) FROM rollup_daily WHERE day = ? AND tag = '*' AND client = ?",
                day,
                client);
    }

    @Test
    void everyPath_givesTheSameTotals() {
        LocalDate from = LocalDate.of(2026, 10, 1);
        LocalDate to = LocalDate.of(2026, 11, 15);
        BigDecimal fine = JdbcRollupReader.total(reader.query(RollupQuery.of(from, to, Map.of(), Dim.KEY)))
                .cost();
        BigDecimal daily = JdbcRollupReader.total(reader.query(RollupQuery.of(from, to, Map.of(), Dim.DAY)))
                .cost();
        BigDecimal mixed = JdbcRollupReader.total(reader.query(RollupQuery.of(from, to, Map.of(), Dim.TEAM)))
                .cost();
        BigDecimal monthly = JdbcRollupReader.total(reader.query(
                        RollupQuery.of(from, to, Map.of(), Dim.TEAM).throughToday(to)))
                .cost();
        BigDecimal partial = JdbcRollupReader.total(reader.query(
                        RollupQuery.of(LocalDate.of(2026, 10, 2), LocalDate.of(2026, 11, 1), Map.of(), Dim.TEAM)))
                .cost();

        assertEquals(0, new BigDecimal("15").compareTo(fine));
        assertEquals(0, fine.compareTo(daily));
        assertEquals(0, fine.compareTo(mixed));
        assertEquals(0, fine.compareTo(monthly));
        assertEquals(0, new BigDecimal("6").compareTo(partial), "2 (Oct 31) + 4 (Nov 1)");
        List<RollupRow> byTeam = reader.query(
                RollupQuery.of(from, to, Map.of(Dim.USER, "ana"), Dim.TEAM).throughToday(to));
        assertEquals(2, byTeam.size());
        assertEquals(0, new BigDecimal("12").compareTo(byTeam.get(1).totals().cost()), "web: 4 + 8");
        // each breakdown of the cost report, read from its narrow monthly table, sums to the same total
        for (Dim d : List.of(Dim.USER, Dim.MODEL, Dim.PROVIDER)) {
            BigDecimal viaMonthly = JdbcRollupReader.total(
                            reader.query(RollupQuery.of(from, to, Map.of(), d).throughToday(to)))
                    .cost();
            assertEquals(0, fine.compareTo(viaMonthly), d.toString());
        }
        // LiteLLM's team report (day x team x model x key) from rollup_key_daily: the same groups as rollup_daily
        List<RollupRow> narrow =
                reader.query(RollupQuery.of(from, to, Map.of(), Dim.DAY, Dim.TEAM, Dim.MODEL, Dim.KEY));
        assertEquals(0, fine.compareTo(JdbcRollupReader.total(narrow).cost()));
        List<RollupRow> unsummed =
                reader.query(RollupQuery.of(from, to, Map.of(), Dim.DAY, Dim.TEAM, Dim.KEY, Dim.MODEL));
        assertEquals(narrow.size(), unsummed.size());
        assertEquals(JdbcRollupReader.total(narrow), JdbcRollupReader.total(unsummed));
    }

    @Test
    void sql_readsTheSmallestRollupWithTheQuerysDimensions() {
        LocalDate oct1 = LocalDate.of(2026, 10, 1);
        LocalDate oct31 = LocalDate.of(2026, 10, 31);
        assertTrue(sqlOf(RollupQuery.of(oct1, oct31, Map.of(), Dim.USER)).contains("FROM rollup_member_monthly"));
        assertTrue(sqlOf(RollupQuery.of(oct1, oct31, Map.of(), Dim.MODEL)).contains("FROM rollup_team_monthly"));
        assertTrue(sqlOf(RollupQuery.of(oct1, oct31, Map.of(Dim.TEAM, "ml"), Dim.TEAM))
                .contains("FROM rollup_member_monthly"));
        assertTrue(sqlOf(RollupQuery.of(oct1, oct31, Map.of(Dim.MODEL, "m"), Dim.USER))
                .contains("FROM rollup_user_monthly"));
        assertTrue(
                sqlOf(RollupQuery.of(oct1, oct31, Map.of(), Dim.DAY, Dim.MODEL)).contains("FROM rollup_team_daily"));
        assertTrue(sqlOf(RollupQuery.of(oct1, oct31, Map.of(), Dim.DAY, Dim.TEAM, Dim.MODEL, Dim.KEY))
                .contains("FROM rollup_key_daily"));
        String teamReport = sqlOf(RollupQuery.of(oct1, oct31, Map.of(), Dim.DAY, Dim.TEAM, Dim.KEY, Dim.MODEL));
        assertTrue(
                teamReport.contains("FROM rollup_key_daily")
                        && !teamReport.contains("GROUP BY")
                        && !teamReport.contains("sum("),
                "LiteLLM's team report reads rollup_key_daily's rows in key order, unsummed: " + teamReport);
        assertTrue(
                sqlOf(RollupQuery.of(oct1, oct31, Map.of(), Dim.KEY, Dim.MODEL)).contains("FROM rollup_daily"),
                "the per-key report needs key aliases");
        assertTrue(
                sqlOf(RollupQuery.of(oct1, oct31, Map.of(), Dim.DAY, Dim.TAG)).contains("FROM rollup_daily"));
    }

    @Test
    void sql_readsTheSmallestDailyRollup_forDaysThatAreNotWholeMonths() {
        LocalDate oct2 = LocalDate.of(2026, 10, 2);
        LocalDate oct30 = LocalDate.of(2026, 10, 30);
        Map<Dim, String> none = Map.of();
        // the cost report's breakdowns and totals of a custom range, period=daily|weekly, the summary's today
        assertReads("rollup_member_daily", RollupQuery.of(oct2, oct30, none, Dim.USER));
        assertReads("rollup_member_daily", RollupQuery.of(oct2, oct30, none, Dim.TEAM));
        assertReads("rollup_member_daily", RollupQuery.of(oct2, oct30, none).throughToday(oct30));
        assertReads("rollup_member_daily", RollupQuery.of(oct2, oct30, Map.of(Dim.TEAM, "ml"), Dim.USER));
        assertReads("rollup_team_daily", RollupQuery.of(oct2, oct30, none, Dim.MODEL));
        assertReads("rollup_team_daily", RollupQuery.of(oct2, oct30, none, Dim.PROVIDER));
        assertReads("rollup_team_daily", RollupQuery.of(oct2, oct30, Map.of(Dim.MODEL, "m"), Dim.TEAM));
        // the trend's daily series, unfiltered and by model
        assertReads("rollup_member_daily", RollupQuery.of(oct2, oct30, none, Dim.DAY));
        assertReads("rollup_team_daily", RollupQuery.of(oct2, oct30, Map.of(Dim.MODEL, "m"), Dim.DAY));
        // users and models together (a filter is a dimension too)
        assertReads("rollup_user_daily", RollupQuery.of(oct2, oct30, Map.of(Dim.MODEL, "m"), Dim.USER));
        assertReads("rollup_user_daily", RollupQuery.of(oct2, oct30, Map.of(Dim.USER, "ana"), Dim.MODEL));
        assertReads("rollup_user_daily", RollupQuery.of(oct2, oct30, none, Dim.DAY, Dim.MODEL, Dim.USER));
        // whole October from the monthly table, Nov 1-15 from its daily counterpart
        LocalDate oct1 = LocalDate.of(2026, 10, 1);
        LocalDate nov15 = LocalDate.of(2026, 11, 15);
        String users = sqlOf(RollupQuery.of(oct1, nov15, none, Dim.USER));
        assertTrue(users.contains("FROM rollup_member_monthly") && users.contains("FROM rollup_member_daily"), users);
        String models = sqlOf(RollupQuery.of(oct1, nov15, none, Dim.MODEL));
        assertTrue(models.contains("FROM rollup_team_monthly") && models.contains("FROM rollup_team_daily"), models);
        String both = sqlOf(RollupQuery.of(oct1, nov15, Map.of(Dim.MODEL, "m"), Dim.USER));
        assertTrue(both.contains("FROM rollup_user_monthly") && both.contains("FROM rollup_user_daily"), both);
    }

    @Test
    void teamFilter_onTheDailyTeamAndMemberTables_startsFromTheirTeamIndex() {
        // a team's cost report over days that are not whole months (V18's indexes, as V10's for rollup_user_daily)
        LocalDate oct2 = LocalDate.of(2026, 10, 2);
        LocalDate nov14 = LocalDate.of(2026, 11, 14);
        Map<Dim, String> ml = Map.of(Dim.TEAM, "ml");
        String users = plan(RollupQuery.of(oct2, nov14, ml, Dim.USER));
        assertTrue(users.contains("rollup_member_daily_team"), users);
        String models = plan(RollupQuery.of(oct2, nov14, ml, Dim.MODEL));
        assertTrue(models.contains("rollup_team_daily_team"), models);
    }

    private static String plan(RollupQuery q) {
        return Sql.plan(
                tx,
                "rollup_member_daily, rollup_team_daily",
                sqlOf(q),
                q.from(),
                q.to(),
                q.filters().get(Dim.TEAM));
    }

    private static void assertReads(String table, RollupQuery q) {
        String sql = sqlOf(q);
        assertTrue(sql.contains("FROM " + table + " ") && !sql.contains("month"), table + ": " + sql);
        for (String other : List.of("rollup_member_daily", "rollup_team_daily", "rollup_user_daily")) {
            assertTrue(other.equals(table) || !sql.contains(other), table + ": " + sql);
        }
    }

    private static String sqlOf(RollupQuery q) {
        return JdbcRollupReader.sql(q);
    }
}
