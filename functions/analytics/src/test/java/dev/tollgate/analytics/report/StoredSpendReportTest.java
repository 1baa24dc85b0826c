package dev.tollgate.analytics.report;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.report.LiteLlmReports.SpendFilters;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.rollup.RollupRebuilder;
import dev.tollgate.analytics.rollup.SpendLogObjects;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.analytics.testing.Sql;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import dev.tollgate.gateway.testing.Gzip;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The unfiltered day-grouped {@code /global/spend/report} from stored day fragments: the same JSON as the answer
 * built from the rollups, cold and warm, gzipped and not, and never a fragment older than its day's rollups.
 */
class StoredSpendReportTest {
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 10, 31);
    private static final Instant OCT5 = Instant.parse("2026-10-05T10:00:00Z");
    private static final Instant OCT6 = Instant.parse("2026-10-06T10:00:00Z");
    private static final Instant OCT7 = Instant.parse("2026-10-07T23:59:00Z");

    @RegisterExtension
    final PgContext pg = new PgContext();

    private TransactionOperations<Connection> tx;
    private JdbcOperations jdbc;
    private JdbcRollupStore store;
    private LiteLlmReports reports;
    private ObjectMapper json;

    @BeforeEach
    void start() {
        tx = pg.tx();
        jdbc = pg.jdbc();
        json = pg.bean(ObjectMapper.class);
        store = new JdbcRollupStore(tx, ZoneOffset.UTC);
        reports = new LiteLlmReports(new JdbcRollupReader(tx, jdbc), ZoneOffset.UTC, new JdbcDayFragments(tx), json);
        store.fold(
                "first",
                List.of(
                        call("a1", OCT5, "ml", "ana", "0.25"),
                        call("a2", OCT5, "web", "bo", "1.5"),
                        call("a3", OCT6, "ml", "ana", "0.125"),
                        call("a4", OCT7, "", "cy", "2")));
    }

    @Test
    void coldThenWarm_giveTheBuiltAnswer_gzippedAndNot_andTheWarmOneReadsStoredFragments() throws IOException {
        JsonNode expected = built("team");

        assertEquals(expected, gzipped(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE)), "cold");
        assertEquals(3L, fragments(), "one fragment per day with rollups");
        assertEquals(expected, gzipped(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE)), "warm");
        assertEquals(expected, plain(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE)), "identity");
        assertEquals(3, expected.size());
        assertEquals(
                "2026-10-05T00:00:00+00:00", expected.get(0).get("group_by_day").asText());
    }

    @Test
    void everyGrouping_andASubRange_matchTheBuiltAnswer() throws IOException {
        for (String group : List.of("team", "customer", "user", "model", "tag", "client")) {
            assertEquals(built(group), gzipped(reports.storedSpendReport(FROM, TO, group, SpendFilters.NONE)), group);
        }
        LocalDate oct6 = LocalDate.of(2026, 10, 6);
        assertEquals(
                json.readTree(json.writeValueAsBytes(reports.spendReport(oct6, oct6, "team"))),
                plain(reports.storedSpendReport(oct6, oct6, "team", SpendFilters.NONE)));
        assertEquals(
                json.readTree("[]"),
                plain(reports.storedSpendReport(
                        LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), "team", SpendFilters.NONE)),
                "a range with no rollups is an empty list");
    }

    @Test
    void aFoldOfOneDay_replacesOnlyThatDaysFragment_andTheAnswerHasTheNewCall() throws IOException {
        reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE); // stores the three days
        long oct5Before = fragmentVersion(LocalDate.of(2026, 10, 5));
        long oct6Before = fragmentVersion(LocalDate.of(2026, 10, 6));

        store.fold("late", List.of(call("b1", OCT6.plusSeconds(60), "ml", "dee", "4")));

        JsonNode answer = gzipped(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE));
        assertEquals(built("team"), answer);
        assertEquals(
                "4.125",
                answer.get(1)
                        .get("teams")
                        .get(0)
                        .get("total_spend")
                        .decimalValue()
                        .toPlainString());
        assertEquals(oct5Before, fragmentVersion(LocalDate.of(2026, 10, 5)), "Oct 5 was not rebuilt");
        assertNotEquals(oct6Before, fragmentVersion(LocalDate.of(2026, 10, 6)), "Oct 6 was rebuilt");
    }

    @Test
    void aRebuildOfADay_movesItsVersionOn_soItsFragmentIsBuiltAgain() throws IOException {
        reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE);
        LocalDate oct7 = LocalDate.of(2026, 10, 7);
        List<SpendLogRecord> fromS3 = new ArrayList<>(List.of(call("a4", OCT7, "", "cy", "2")));
        fromS3.add(call("c1", OCT7.minusSeconds(3600), "ops", "eve", "8"));

        store.replaceDay(oct7, fromS3, List.of("first", "extra"));

        JsonNode answer = plain(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE));
        assertEquals(built("team"), answer);
        assertEquals(2, answer.get(2).get("teams").size(), "Oct 7 now has the ops team too");
    }

    @Test
    void aFragmentOfAnOlderVersion_isNeverServed() throws IOException {
        reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE);
        // GIVEN Oct 5's stored fragment holds other text, marked with a version the day has left behind
        byte[] wrong = "{\"group_by_day\":\"stale\",\"teams\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Deflated stale = Deflated.of(wrong);
        tx.executeWrite(s -> jdbc.prepareStatement(
                "UPDATE report_fragment SET body = ?, raw_length = ?, crc32 = ? WHERE day = ?", p -> {
                    p.setBytes(1, stale.bytes());
                    p.setInt(2, stale.rawLength());
                    p.setLong(3, stale.crc32());
                    p.setObject(4, LocalDate.of(2026, 10, 5));
                    return p.executeUpdate();
                }));
        store.fold("bump", List.of(call("d1", OCT5.plusSeconds(5), "ml", "ana", "1")));

        assertEquals(built("team"), gzipped(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE)));
    }

    @Test
    void filteredOrPerKeyReports_areNotStored_andBadInputIsStillA400() throws IOException {
        assertNull(reports.storedSpendReport(FROM, TO, "team", new SpendFilters("ml", null, null, null)));
        assertNull(reports.storedSpendReport(FROM, TO, "api_key", SpendFilters.NONE));
        assertNull(reports.storedSpendReport(FROM, TO, "team", new SpendFilters(null, null, "ana", null)));
        assertEquals(0L, fragments());
        assertThrows(GatewayException.class, () -> reports.storedSpendReport(FROM, TO, "planet", SpendFilters.NONE));
        assertThrows(GatewayException.class, () -> reports.storedSpendReport(TO, FROM, "team", SpendFilters.NONE));
    }

    @Test
    void aRebuild_warmsTheRebuiltDaysOfTheReportsAskedFor_andNoOthers() throws IOException {
        reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE);
        reports.storedSpendReport(FROM, TO, "model", SpendFilters.NONE);
        LocalDate oct7 = LocalDate.of(2026, 10, 7);
        SpendLogRecord extra = call("c1", OCT7.minusSeconds(3600), "ops", "eve", "8");
        String key = dev.tollgate.gateway.spendlog.SpendLogBatchWriter.partitionPrefix(extra.startTime()) + "extra";
        RollupRebuilder rebuilder = new RollupRebuilder(
                new SpendLogObjects() {
                    @Override
                    public List<String> keys(String prefix) {
                        return key.startsWith(prefix) ? List.of(key) : List.of();
                    }

                    @Override
                    public List<SpendLogRecord> read(String k) {
                        return List.of(extra);
                    }
                },
                store,
                ZoneOffset.UTC,
                reports::warmUp);

        RollupRebuilder.Result result = rebuilder.rebuild(oct7, oct7);

        assertEquals(2, result.fragmentsWarmed(), "Oct 7 of the team and the model reports: " + result);
        assertEquals(dayVersion(oct7), fragmentVersion(oct7), "stored at the rebuilt day's version");
        assertEquals(6L, fragments(), "three days of two reports; no grouping nobody asked for");
        assertEquals(0, reports.warm(FROM, TO), "nothing left to build");
        JsonNode answer = gzipped(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE));
        assertEquals(built("team"), answer);
        assertEquals("ops", answer.get(2).get("teams").get(0).get("team_name").asText(), "Oct 7 as rebuilt");
    }

    @Test
    void theWarmUpsGroupings_areThoseAskedForBeforeTheRebuild_evenIfAPruneDeletesTheStaleOnesMeanwhile() {
        reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE);
        java.util.function.IntSupplier warmUp = reports.warmUp(FROM, TO); // what a rebuild asks before its first day
        store.fold(
                "rebuilt", List.of(call("r1", OCT5.plusSeconds(9), "ml", "ana", "1"), call("r2", OCT7, "", "cy", "1")));
        java.time.Clock oct8 = java.time.Clock.fixed(Instant.parse("2026-10-08T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(
                2,
                new FragmentRetention(new JdbcDayFragments(tx), 400, oct8, ZoneOffset.UTC)
                        .prune()
                        .deleted());

        assertEquals(2, warmUp.getAsInt(), "Oct 5 and 7 built again, though the prune left no team fragment for them");
        assertEquals(3L, fragments());
    }

    @Test
    void aWarmUpOfMoreThanAMonth_buildsEveryDay_aChunkAtATime() throws IOException {
        List<SpendLogRecord> calls = new ArrayList<>();
        for (int d = 0; d < 70; d++) {
            calls.add(call("w" + d, Instant.parse("2026-06-01T12:00:00Z").plusSeconds(86_400L * d), "ml", "ana", "1"));
        }
        store.fold("summer", calls);
        LocalDate june1 = LocalDate.of(2026, 6, 1);
        LocalDate aug9 = LocalDate.of(2026, 8, 9);
        reports.storedSpendReport(june1, june1, "model", SpendFilters.NONE); // a client asked for the model report
        store.fold("bump", List.of(call("b", Instant.parse("2026-06-01T13:00:00Z"), "ml", "ana", "1")));

        assertEquals(70, reports.warm(june1, aug9), "every day of the range, past the first 31-day chunk");
        JsonNode stored = gzipped(reports.storedSpendReport(june1, aug9, "model", SpendFilters.NONE));
        assertEquals(json.readTree(json.writeValueAsBytes(reports.spendReport(june1, aug9, "model"))), stored);
        assertEquals(70, stored.size());
        assertEquals(0, reports.warm(june1, aug9));
    }

    @Test
    void theRetention_deletesOldDaysAndStaleFragments_andKeepsTheRest() throws IOException {
        reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE);
        store.fold("late", List.of(call("b1", OCT6.plusSeconds(60), "ml", "dee", "4"))); // Oct 6's is now stale
        java.time.Clock oct7 = java.time.Clock.fixed(Instant.parse("2026-10-07T12:00:00Z"), ZoneOffset.UTC);

        FragmentRetention.Pruned pruned =
                new FragmentRetention(new JdbcDayFragments(tx), 2, oct7, ZoneOffset.UTC).prune();

        assertEquals(LocalDate.of(2026, 10, 6), pruned.keptFrom(), "two days: Oct 6 and 7");
        assertEquals(2, pruned.deleted(), "Oct 5 (older) and Oct 6 (stale)");
        assertEquals(1L, fragments());
        assertEquals(dayVersion(LocalDate.of(2026, 10, 7)), fragmentVersion(LocalDate.of(2026, 10, 7)));
        assertEquals(built("team"), gzipped(reports.storedSpendReport(FROM, TO, "team", SpendFilters.NONE)));
        assertThrows(
                IllegalStateException.class,
                () -> new FragmentRetention(new JdbcDayFragments(tx), 0, oct7, ZoneOffset.UTC));
    }

    private long dayVersion(LocalDate day) {
        return Sql.value(tx, jdbc, Long.class, "SELECT version FROM rollup_day_version WHERE day = ?", day);
    }

    /** The answer built from the rollups, as a client reads it (written by the same mapper, then parsed). */
    private JsonNode built(String group) throws IOException {
        return json.readTree(json.writeValueAsBytes(reports.spendReport(FROM, TO, group)));
    }

    private JsonNode gzipped(List<Deflated> pieces) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipAnswer.writeGzip(pieces, out);
        return json.readTree(Gzip.inflate(out.toByteArray()));
    }

    private JsonNode plain(List<Deflated> pieces) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GzipAnswer.writeIdentity(pieces, out);
        return json.readTree(out.toByteArray());
    }

    private long fragments() {
        return Sql.value(tx, jdbc, Long.class, "SELECT count(*) FROM report_fragment");
    }

    private long fragmentVersion(LocalDate day) {
        return Sql.value(
                tx,
                jdbc,
                Long.class,
                "SELECT version FROM report_fragment WHERE kind LIKE '%:team:%' AND day = ?",
                day);
    }
}
