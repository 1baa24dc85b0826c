package dev.tollgate.analytics.chargeback;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.CountingTx;
import dev.tollgate.analytics.testing.EmbeddedPg;
import dev.tollgate.analytics.testing.Sql;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The month close on PostgreSQL: on the 1st the previous month's draft, announced once; a frozen month left alone. */
class MonthCloseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ApplicationContext context;
    private static TransactionOperations<Connection> tx;
    private static JdbcOperations jdbc;
    private final List<String> announced = new ArrayList<>();
    private final Set<YearMonth> claimed = new HashSet<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        context = ApplicationContext.run(EmbeddedPg.datasourceProperties());
        tx = context.getBean(TransactionOperations.class);
        jdbc = context.getBean(JdbcOperations.class);
        new JdbcRollupStore(tx, ZoneOffset.UTC)
                .fold(
                        "months",
                        List.of(
                                call("j", Instant.parse("2026-01-20T10:00:00Z"), "ml", "ana", "7"),
                                call("f", Instant.parse("2026-02-27T23:00:00Z"), "ml", "ana", "12.5"),
                                call("m", Instant.parse("2026-03-01T00:10:00Z"), "ml", "ana", "99"),
                                call("o1", Instant.parse("2025-10-03T10:00:00Z"), "ml", "ana", "3.25"),
                                call("o2", Instant.parse("2025-10-09T10:00:00Z"), "web", "bo", "4"),
                                call("n1", Instant.parse("2025-11-12T10:00:00Z"), "ml", "ana", "1.5"),
                                call("d1", Instant.parse("2025-12-04T10:00:00Z"), "ml", "ana", "2"),
                                call("d2", Instant.parse("2025-12-05T10:00:00Z"), "web", "bo", "0.75")));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** The month close at {@code now} (in {@code zone}), with a once-only fake of the alert. */
    private MonthClose at(String now, ZoneId zone) {
        Clock clock = Clock.fixed(Instant.parse(now), zone);
        ChargebackReports reports = new ChargebackReports(tx, new AllocationRules(tx, JSON, clock), JSON, clock, zone);
        DraftReadyAlerts alerts = (month, total) -> {
            if (!claimed.add(month)) {
                return false;
            }
            announced.add(month + " " + total.toPlainString());
            return true;
        };
        return new MonthClose(reports, alerts, JSON, clock, zone);
    }

    @Test
    void close_onTheFirst_generatesPreviousMonthsDraft_andAnnouncesItOnce() {
        MonthClose.Outcome first = at("2026-03-01T01:00:00Z", ZoneOffset.UTC).close();
        MonthClose.Outcome retried = at("2026-03-01T01:05:00Z", ZoneOffset.UTC).close();

        assertEquals(YearMonth.of(2026, 2), first.period());
        assertEquals("draft", first.status());
        assertEquals(first.reportId(), retried.reportId(), "a retry regenerates the same draft");
        assertFalse(retried.alerted());
        assertEquals(List.of("2026-02 12.5"), announced, "February's spend only, announced once");

        assertEquals(
                "not_due", at("2026-03-02T01:00:00Z", ZoneOffset.UTC).close().status());
    }

    @Test
    void close_followsTheBudgetZone_andLeavesAFinalizedMonthAlone() {
        // 01:00 UTC on Feb 1st is still January 31st in Los Angeles: not due; a day later it is Feb 1st there
        ZoneId la = ZoneId.of("America/Los_Angeles");
        assertEquals("not_due", at("2026-02-01T01:00:00Z", la).close().status());
        MonthClose.Outcome january = at("2026-02-02T01:00:00Z", la).close();
        assertEquals(YearMonth.of(2026, 1), january.period());
        assertEquals("draft", january.status());

        Clock clock = Clock.fixed(Instant.parse("2026-02-02T01:00:00Z"), la);
        new ChargebackReports(tx, new AllocationRules(tx, JSON, clock), JSON, clock, la)
                .finalizeReport(january.reportId());
        MonthClose.Outcome again = at("2026-02-02T02:00:00Z", la).close(YearMonth.of(2026, 1));
        assertEquals("already_finalized", again.status());
        assertFalse(again.alerted());
    }

    /** The month close at {@code now} (UTC) whose alert fails the first {@code failures} times. */
    private MonthClose failingAlert(String now, int[] failures) {
        Clock clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        ChargebackReports reports =
                new ChargebackReports(tx, new AllocationRules(tx, JSON, clock), JSON, clock, ZoneOffset.UTC);
        return new MonthClose(
                reports,
                (month, total) -> {
                    if (failures[0]-- > 0) {
                        throw new IllegalStateException("SNS unavailable");
                    }
                    if (!claimed.add(month)) {
                        return false;
                    }
                    announced.add(month + " " + total.toPlainString());
                    return true;
                },
                JSON,
                clock,
                ZoneOffset.UTC);
    }

    private static List<String> reports() {
        return Sql.rows(tx, jdbc, "chargeback_report");
    }

    private static List<String> lines() {
        return Sql.rows(tx, jdbc, "chargeback_line");
    }

    @Test
    void close_readsOnlyTheMonthsOwnReport_notEveryReportWithItsLines() {
        Clock clock = Clock.fixed(Instant.parse("2026-02-15T10:00:00Z"), ZoneOffset.UTC);
        ChargebackReports plain =
                new ChargebackReports(tx, new AllocationRules(tx, JSON, clock), JSON, clock, ZoneOffset.UTC);
        for (String month : List.of("2025-06", "2025-07", "2025-08")) {
            plain.generate(JSON.createObjectNode().put("period", month));
        }
        plain.finalizeReport(plain.head(YearMonth.of(2025, 7)).id());
        CountingTx counting = new CountingTx(tx);
        MonthClose close = new MonthClose(
                new ChargebackReports(
                        counting, new AllocationRules(counting, JSON, clock), JSON, clock, ZoneOffset.UTC),
                (month, total) -> true,
                JSON,
                clock,
                ZoneOffset.UTC);

        MonthClose.Outcome outcome = close.close(YearMonth.of(2025, 7));

        assertEquals("already_finalized", outcome.status());
        assertEquals(
                List.of("SELECT id, status FROM chargeback_report WHERE period = ?"),
                counting.statements(),
                "one row read, whatever the number of reports");
    }

    @Test
    void close_failedAfterTheDraft_reRunGivesTheSameRows_andOneAlert() {
        int[] failures = {1};
        MonthClose close = failingAlert("2026-01-01T01:00:00Z", failures);

        assertThrows(IllegalStateException.class, () -> close.close(YearMonth.of(2025, 12)));
        List<String> reports = reports();
        List<String> lines = lines();
        assertTrue(reports.stream().anyMatch(r -> r.contains(",2025-12-01,draft,")), reports.toString());

        MonthClose.Outcome rerun = close.close(YearMonth.of(2025, 12));
        MonthClose.Outcome again = close.close(YearMonth.of(2025, 12));

        assertEquals(reports, reports(), "the same report row (id, totals, generated_at)");
        assertEquals(lines, lines(), "the same lines");
        assertEquals(rerun.reportId(), again.reportId());
        assertTrue(rerun.alerted());
        assertFalse(again.alerted());
        assertEquals(List.of("2025-12 2.75"), announced);
    }

    @Test
    void close_failedInsideTheTransaction_leavesNothing_andAReRunWritesTheDraftOnce() {
        List<String> before = reports();
        List<String> linesBefore = lines();
        tx.executeWrite(s -> jdbc.prepareStatement(
                "CREATE TABLE fail_lines (x INT); INSERT INTO fail_lines VALUES (1);"
                        + " CREATE FUNCTION fail_lines() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF EXISTS (SELECT 1 FROM fail_lines) THEN RAISE EXCEPTION 'disk full'; END IF;"
                        + " RETURN NEW; END $$;"
                        + " CREATE TRIGGER fail_lines BEFORE INSERT ON chargeback_line FOR EACH ROW"
                        + " EXECUTE FUNCTION fail_lines()",
                p -> p.execute()));
        MonthClose close = failingAlert("2025-11-01T01:00:00Z", new int[] {0});
        try {
            assertThrows(Exception.class, () -> close.close(YearMonth.of(2025, 10)));
            assertEquals(before, reports(), "no report row left behind");
            assertEquals(linesBefore, lines());
        } finally {
            tx.executeWrite(s -> jdbc.prepareStatement("DELETE FROM fail_lines", p -> p.executeUpdate()));
        }

        MonthClose.Outcome rerun = close.close(YearMonth.of(2025, 10));
        List<String> after = reports();
        List<String> linesAfter = lines();
        close.close(YearMonth.of(2025, 10));

        assertEquals("draft", rerun.status());
        assertEquals(before.size() + 1, after.size());
        assertEquals(after, reports());
        assertEquals(linesAfter, lines());
        assertEquals(List.of("2025-10 7.25"), announced);
        tx.executeWrite(s -> jdbc.prepareStatement(
                "DROP TRIGGER fail_lines ON chargeback_line; DROP FUNCTION fail_lines(); DROP TABLE fail_lines",
                p -> p.execute()));
    }

    @Test
    void schedule_retriesAFailedCloseOfTheSameMonth_withBackoff_untilItSucceeds() {
        List<Duration> delays = new ArrayList<>();
        List<Runnable> pending = new ArrayList<>();
        int[] failures = {2};
        // the retries run on Dec 1st and later: they still close November, the month due when the first failed
        MonthCloseSchedule schedule =
                new MonthCloseSchedule(failingAlert("2025-12-01T01:00:00Z", failures), (delay, work) -> {
                    delays.add(delay);
                    pending.add(work);
                });

        schedule.run();
        while (!pending.isEmpty()) {
            pending.removeFirst().run();
        }

        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), delays);
        assertEquals(List.of("2025-11 1.5"), announced);
        assertEquals(
                1,
                reports().stream().filter(r -> r.contains(",2025-11-01,draft,")).count());
    }

    @Test
    void schedule_givesUpAfterItsAttempts_andDoesNothingWhenNoMonthIsDue() {
        List<Duration> delays = new ArrayList<>();
        List<Runnable> pending = new ArrayList<>();
        MonthCloseSchedule.Later later = (delay, work) -> {
            delays.add(delay);
            pending.add(work);
        };
        new MonthCloseSchedule(failingAlert("2025-09-02T01:00:00Z", new int[] {0}), later).run();
        assertEquals(List.of(), delays, "not the 1st: nothing to close, nothing to retry");

        new MonthCloseSchedule(failingAlert("2025-09-01T01:00:00Z", new int[] {Integer.MAX_VALUE}), later).run();
        while (!pending.isEmpty()) {
            pending.removeFirst().run();
        }

        assertEquals(MonthCloseSchedule.ATTEMPTS - 1, delays.size());
        assertEquals(Duration.ofMinutes(128), delays.getLast());
        assertEquals(List.of(), announced);
    }

    @Test
    void schedule_isWiredWithTheScheduler_whenTheCloseRunsInProcess() {
        java.util.Map<String, Object> properties = new java.util.HashMap<>(EmbeddedPg.datasourceProperties());
        properties.put("tollgate.month-close.in-process", "true");
        try (ApplicationContext local = ApplicationContext.run(properties)) {
            assertTrue(local.containsBean(MonthCloseSchedule.class));
            local.getBean(MonthCloseSchedule.class);
        }
    }
}
