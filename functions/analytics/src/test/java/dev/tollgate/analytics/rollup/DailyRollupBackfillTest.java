package dev.tollgate.analytics.rollup;

import static dev.tollgate.analytics.testing.Calls.call;
import static dev.tollgate.analytics.testing.Calls.failed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.analytics.testing.Sql;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Migration V18's backfill gives the daily team and member tables the rows the folds give them. */
class DailyRollupBackfillTest {
    private static final String MIGRATION = "/db/migration/V18__daily_team_and_member_rollups.sql";
    private static final List<String> TABLES = List.of("rollup_team_daily", "rollup_member_daily");

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static JdbcOperations jdbc;
    private static TransactionOperations<Connection> tx;

    @BeforeAll
    static void start() {
        tx = PG.tx();
        jdbc = PG.jdbc();
    }

    @Test
    void backfillFromRollupUserDaily_givesTheRowsTheFoldsGave() throws IOException {
        // GIVEN calls over days of two months (Berlin days), teams, users, models, providers, a failure, tags
        SpendLogRecord claude = call("c", Instant.parse("2026-11-30T23:30:00Z"), "web", "cy", "0.75").toBuilder()
                .model("claude-sonnet-4")
                .provider("anthropic")
                .build();
        JdbcRollupStore store = new JdbcRollupStore(tx, ZoneId.of("Europe/Berlin"));
        store.fold(
                "o1",
                List.of(
                        call("r1", Instant.parse("2026-11-02T09:00:00Z"), "ml", "ana", "0.5", "prod"),
                        call("r2", Instant.parse("2026-11-02T09:03:00Z"), "ml", "bo", "0.25", "prod", "batch"),
                        call("r3", Instant.parse("2026-11-02T10:00:00Z"), "ml", "ana", "0.000000000001")));
        store.fold(
                "o2",
                List.of(
                        failed(call("r4", Instant.parse("2026-11-02T12:00:00Z"), "web", "cy", "0"), 502, 900),
                        claude,
                        claude.toBuilder().requestId("c2").userId("").build(),
                        call("r5", Instant.parse("2026-12-01T08:00:00Z"), "", "dee", "1.125")));
        List<List<String>> folded =
                TABLES.stream().map(DailyRollupBackfillTest::rows).toList();

        // WHEN the new tables are emptied and refilled by the migration's own INSERTs
        List<String> inserts = backfill();
        assertEquals(2, inserts.size(), inserts.toString());
        tx.executeWrite(s -> {
            jdbc.prepareStatement("TRUNCATE " + String.join(", ", TABLES), p -> p.executeUpdate());
            for (String insert : inserts) {
                jdbc.prepareStatement(insert, p -> p.executeUpdate());
            }
            return null;
        });

        // THEN each holds exactly the rows the folds made, and its cost is rollup_user_daily's
        for (int i = 0; i < TABLES.size(); i++) {
            assertFalse(folded.get(i).isEmpty(), TABLES.get(i));
            assertEquals(folded.get(i), rows(TABLES.get(i)), TABLES.get(i));
            assertEquals(0, cost("rollup_user_daily").compareTo(cost(TABLES.get(i))), TABLES.get(i));
        }
        assertEquals(0, new BigDecimal("3.375000000001").compareTo(cost("rollup_team_daily")));
    }

    /** The migration's INSERT statements, comments removed. */
    private static List<String> backfill() throws IOException {
        String sql;
        try (InputStream in = DailyRollupBackfillTest.class.getResourceAsStream(MIGRATION)) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String code = sql.lines().filter(l -> !l.trim().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";"))
                .map(String::trim)
                .filter(st -> st.startsWith("INSERT"))
                .toList();
    }

    private static List<String> rows(String table) {
        return Sql.rows(tx, jdbc, table);
    }

    private static BigDecimal cost(String table) {
        return Sql.value(tx, jdbc, BigDecimal.class, "SELECT coalesce(sum(cost), 0) FROM " + table);
    }
}
