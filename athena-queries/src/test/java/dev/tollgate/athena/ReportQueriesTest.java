package dev.tollgate.athena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs every report query file, unchanged, on Trino over the spend logs the real batch writer
 * produced, with its parameters bound the way Athena binds them ({@code EXECUTE … USING}), and
 * compares the rows with the ones computed in Java from the same records. One Trino, one data set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportQueriesTest {
    private TrinoSpendLogs trino;

    @BeforeAll
    void start() throws Exception {
        trino = TrinoSpendLogs.start(Path.of("target", "trino-spend-logs"));
    }

    @AfterAll
    void stop() {
        if (trino != null) {
            trino.close();
        }
    }

    @Test
    void dataSet_isRealisticAndTrinoReadsEveryLine() {
        List<SpendLogRecord> records = trino.records;
        assertTrue(records.size() >= 20_000, "records: " + records.size());
        assertTrue(records.stream().map(Calls::dt).distinct().count() >= 7, "days");
        assertTrue(records.stream().filter(r -> r.status() >= 500).count() > 100, "upstream failures");
        assertTrue(records.stream().filter(r -> !r.upstreamCalled()).count() > 100, "gateway refusals");
        assertTrue(records.stream().filter(SpendLogRecord::usageEstimated).count() > 100, "estimated usage");
        assertTrue(records.stream().filter(r -> r.messages() != null).count() > 10, "opted-in content");
        assertTrue(trino.objects < records.size() / 20, "objects hold many lines each: " + trino.objects);

        List<Object> counts = trino.execute(
                        "SELECT count(*), count(DISTINCT request_id), sum(cost), count(messages) "
                                + "FROM spend_logs WHERE dt BETWEEN ? AND ?",
                        Expectation.ALL)
                .getMaterializedRows()
                .get(0)
                .getFields();

        assertEquals((long) records.size(), counts.get(0));
        assertEquals((long) records.size(), counts.get(1));
        assertTrue(Rows.same(Calls.spend(records), counts.get(2)), "sum of cost " + counts.get(2));
        assertEquals(records.stream().filter(r -> r.messages() != null).count(), counts.get(3));
    }

    @Test
    void lines_readBackFieldForField() {
        SpendLogRecord withContent = trino.records.stream()
                .filter(r -> r.messages() != null && r.stream())
                .findFirst()
                .orElseThrow();

        List<Object> row = trino.execute(
                        "SELECT start_time, tags, metadata['feature'], messages, cost, hour FROM spend_logs "
                                + "WHERE dt BETWEEN ? AND ? AND request_id = ?",
                        List.of(Calls.dt(withContent), Calls.dt(withContent), withContent.requestId()))
                .getMaterializedRows()
                .get(0)
                .getFields();

        assertEquals(dev.tollgate.gateway.spendlog.SpendLogJson.formatTime(withContent.startTime()), row.get(0));
        assertEquals(withContent.tags(), row.get(1));
        assertEquals(withContent.metadata().get("feature"), row.get(2));
        assertEquals(withContent.messages(), row.get(3));
        assertTrue(Rows.same(withContent.cost(), row.get(4)));
        assertEquals(Calls.hour(withContent), row.get(5));
    }

    @TestFactory
    Stream<DynamicTest> everyQueryFile_returnsWhatJavaComputesFromTheSameRecords() {
        return QueryFiles.reports().stream()
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Expectation expectation = Expectations.all().get(name);
                    assertNotNull(expectation, name + " has no expectation in Expectations: add one");
                    Rows.assertMatches(
                            name,
                            expectation.rows().apply(trino.records),
                            trino.execute(QueryFiles.statement(name), expectation.parameters()));
                }));
    }
}
