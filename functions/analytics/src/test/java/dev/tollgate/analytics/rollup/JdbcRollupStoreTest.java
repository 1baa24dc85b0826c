package dev.tollgate.analytics.rollup;

import static dev.tollgate.analytics.testing.Calls.call;
import static dev.tollgate.analytics.testing.Calls.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.analytics.testing.Sql;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rollup store on a real (embedded) PostgreSQL. */
class JdbcRollupStoreTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** Every rollup table: a rebuild must reproduce each. */
    private static final List<String> TABLES = List.of(
            "rollup_daily",
            "rollup_user_daily",
            "rollup_user_monthly",
            "rollup_team_monthly",
            "rollup_member_monthly",
            "rollup_key_daily",
            "rollup_team_daily",
            "rollup_member_daily",
            "health_5min");

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static JdbcRollupStore store;
    private static JdbcOperations jdbc;
    private static TransactionOperations<Connection> tx;

    @BeforeAll
    static void start() {
        tx = PG.tx();
        jdbc = PG.jdbc();
        store = new JdbcRollupStore(tx, BERLIN);
    }

    @BeforeEach
    void empty() {
        PG.truncate(String.join(", ", TABLES) + ", ingested_object");
    }

    @Test
    void fold_sameObjectTwice_secondIsANoOp() {
        List<SpendLogRecord> lines = List.of(
                call("r1", Instant.parse("2026-11-02T10:00:00Z"), "ml", "ana", "0.000000000001"),
                call("r2", Instant.parse("2026-11-02T10:01:00Z"), "ml", "ana", "0.1"));

        assertTrue(store.fold("spend-logs/a.json.gz", lines));
        assertFalse(store.fold("spend-logs/a.json.gz", lines));

        assertEquals(new BigDecimal("0.100000000001"), sum("cost", "tag = '*'"));
        assertEquals(2L, sum("requests", "tag = '*'").longValueExact());
    }

    @Test
    void fold_concurrentShippersOfOneObject_countItOnce() throws Exception {
        List<SpendLogRecord> lines = List.of(call("r1", Instant.parse("2026-11-02T10:00:00Z"), "ml", "ana", "1"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> folds = pool.invokeAll(List.of(
                    () -> store.fold("k", lines),
                    () -> store.fold("k", lines),
                    () -> store.fold("k", lines),
                    () -> store.fold("k", lines)));
            long won = 0;
            for (Future<Boolean> f : folds) {
                won += f.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdown();
        }
        assertEquals(0, new BigDecimal("1").compareTo(sum("cost", "tag = '*'")));
    }

    @Test
    void fold_twoObjects_addUpInTheSameRow_andTagRowsOverlap() {
        store.fold(
                "a", List.of(call("r1", Instant.parse("2026-11-02T10:00:00Z"), "ml", "ana", "0.25", "prod", "batch")));
        store.fold("b", List.of(call("r2", Instant.parse("2026-11-02T11:00:00Z"), "ml", "ana", "0.5", "prod")));
        store.fold("c", List.of(call("r3", Instant.parse("2026-11-02T12:00:00Z"), "ml", "ana", "1")));
        store.fold("d", List.of(call("r4", Instant.parse("2026-11-02T13:00:00Z"), "ml", "ana", "0.125", "prod")));

        assertEquals(0, new BigDecimal("1.875").compareTo(sum("cost", "tag = '*'")));
        assertEquals(3L, count("tag = '*'"), "one row per tag set: r2 and r4 share one");
        assertEquals(0, new BigDecimal("0.625").compareTo(sum("cost", "tag = '*' AND tag_set = '[\"prod\"]'")));
        assertEquals(0, new BigDecimal("0.875").compareTo(sum("cost", "tag = 'prod'")));
        assertEquals(0, new BigDecimal("0.25").compareTo(sum("cost", "tag = 'batch'")));
        assertEquals(0, new BigDecimal("1").compareTo(sum("cost", "tag = ''")), "untagged calls");
        assertEquals(0, new BigDecimal("2.125").compareTo(sum("cost", "tag <> '*'")), "tag rows overlap: 0.25 twice");
        BigDecimal coarse = total("rollup_user_daily");
        assertEquals(0, new BigDecimal("1.875").compareTo(coarse), "the coarse table holds each call once too");
    }

    @Test
    void fold_daysAreCalendarDaysOfTheBudgetZone() {
        // 23:30 UTC on 2 Nov is 00:30 on 3 Nov in Berlin (CET, UTC+1).
        store.fold("a", List.of(call("r1", Instant.parse("2026-11-02T23:30:00Z"), "ml", "ana", "1")));

        assertEquals(1L, count("tag = '*' AND day = DATE '2026-11-03'"));
        assertEquals(0L, count("day = DATE '2026-11-02'"));
    }

    @Test
    void fold_healthRowsMergeCountsAndHistograms() {
        Instant t = Instant.parse("2026-11-02T10:02:00Z");
        SpendLogRecord ok = call("r1", t, "ml", "ana", "1");
        store.fold("a", List.of(ok, failed(call("r2", t, "ml", "ana", "1"), 504, 30_000)));
        store.fold("b", List.of(failed(call("r3", t.plusSeconds(60), "ml", "ana", "1"), 429, 10), ok));

        List<Object[]> rows = tx.executeRead(status -> jdbc.prepareStatement(
                "SELECT requests, errors_timeout, errors_client, latency_hist::text FROM health_5min", s -> {
                    var rs = s.executeQuery();
                    List<Object[]> out = new java.util.ArrayList<>();
                    while (rs.next()) {
                        out.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4)});
                    }
                    return out;
                }));
        assertEquals(1, rows.size(), "one five-minute bucket");
        assertEquals(4L, rows.get(0)[0]);
        assertEquals(1L, rows.get(0)[1]);
        assertEquals(1L, rows.get(0)[2]);
        String hist = (String) rows.get(0)[3];
        assertTrue(hist.contains("\"" + LatencyHistogram.bucket(400) + "\": 2"), hist);
        assertTrue(hist.contains("\"10\": 1"), hist);
    }

    @Test
    void replaceDay_twice_givesTheSameRows() {
        LocalDate day = LocalDate.of(2026, 11, 2);
        store.fold("a", List.of(call("r1", Instant.parse("2026-11-02T10:00:00Z"), "ml", "ana", "5")));
        List<SpendLogRecord> fromS3 = List.of(
                call("r1", Instant.parse("2026-11-02T10:00:00Z"), "ml", "ana", "1"),
                call("r2", Instant.parse("2026-11-03T10:00:00Z"), "ml", "ana", "7"));

        assertEquals(1, store.replaceDay(day, fromS3, List.of("a")));
        store.replaceDay(day, fromS3, List.of("a"));

        assertEquals(0, BigDecimal.ONE.compareTo(sum("cost", "tag = '*'")));
        assertEquals(1L, count("tag = '*'"));
        BigDecimal monthly = Sql.value(
                tx,
                jdbc,
                BigDecimal.class,
                "SELECT sum(cost) FROM rollup_user_monthly WHERE month = DATE '2026-11-01'");
        assertEquals(0, BigDecimal.ONE.compareTo(monthly), "the month is recomputed from its days");
    }

    @Test
    void rebuildOfEveryDay_reproducesEveryRollupTable_rowForRow() {
        // GIVEN calls over two days of a month, in several objects: teams, users, tags, a failure, a cost split
        List<SpendLogRecord> calls = List.of(
                call("r1", Instant.parse("2026-11-02T09:00:00Z"), "ml", "ana", "0.5", "prod"),
                call("r2", Instant.parse("2026-11-02T09:03:00Z"), "ml", "bo", "0.25", "prod", "batch"),
                failed(call("r3", Instant.parse("2026-11-02T12:00:00Z"), "web", "cy", "0"), 502, 900),
                call("r4", Instant.parse("2026-11-03T08:00:00Z"), "web", "cy", "1.125").toBuilder()
                        .splitCost(new BigDecimal("0.125"), new BigDecimal("1"))
                        .build(),
                call("r5", Instant.parse("2026-11-03T08:00:01Z"), "ml", "ana", "0.000000000001"),
                call("r6", Instant.parse("2026-11-03T08:00:02Z"), "ml", "ana", "2").toBuilder()
                        .model("claude-sonnet-4")
                        .provider("anthropic")
                        .build());
        store.fold("o1", calls.subList(0, 2));
        store.fold("o2", calls.subList(2, 4));
        store.fold("o3", calls.subList(4, 6));
        List<List<String>> folded =
                TABLES.stream().map(JdbcRollupStoreTest::rows).toList();

        // WHEN every day is rebuilt from the same lines (as from S3)
        store.replaceDay(LocalDate.of(2026, 11, 2), calls, List.of("o1", "o2", "o3"));
        store.replaceDay(LocalDate.of(2026, 11, 3), calls, List.of("o1", "o2", "o3"));

        // THEN every table holds exactly the rows the folds made, and the narrow tables agree with the daily one
        for (int i = 0; i < TABLES.size(); i++) {
            assertEquals(folded.get(i), rows(TABLES.get(i)), TABLES.get(i));
            assertFalse(folded.get(i).isEmpty(), TABLES.get(i));
        }
        for (String table : List.of(
                "rollup_team_monthly",
                "rollup_member_monthly",
                "rollup_key_daily",
                "rollup_team_daily",
                "rollup_member_daily")) {
            assertEquals(0, sum("cost", "tag = '*'").compareTo(total(table)), table);
        }
        assertEquals(0, new BigDecimal("0.125").compareTo(sum("input_cost", "tag = '*'")));
        assertEquals(0, BigDecimal.ONE.compareTo(sum("output_cost", "tag = '*'")));
    }

    private static List<String> rows(String table) {
        return Sql.rows(tx, jdbc, table);
    }

    private static BigDecimal total(String table) {
        return Sql.value(tx, jdbc, BigDecimal.class, "SELECT sum(cost) FROM " + table);
    }

    private static BigDecimal sum(String column, String where) {
        return Sql.value(
                        tx,
                        jdbc,
                        BigDecimal.class,
                        "SELECT coalesce(sum(" + column + "), 0) FROM rollup_daily WHERE " + where)
                .stripTrailingZeros();
    }

    private static long count(String where) {
        return Sql.value(tx, jdbc, Long.class, "SELECT count(*) FROM rollup_daily WHERE " + where);
    }
}
