package dev.tollgate.analytics.chargeback;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.EmbeddedPg;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
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
    private final List<String> announced = new ArrayList<>();
    private final Set<YearMonth> claimed = new HashSet<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        context = ApplicationContext.run(EmbeddedPg.datasourceProperties());
        tx = context.getBean(TransactionOperations.class);
        new JdbcRollupStore(tx, ZoneOffset.UTC)
                .fold(
                        "months",
                        List.of(
                                call("j", Instant.parse("2026-01-20T10:00:00Z"), "ml", "ana", "7"),
                                call("f", Instant.parse("2026-02-27T23:00:00Z"), "ml", "ana", "12.5"),
                                call("m", Instant.parse("2026-03-01T00:10:00Z"), "ml", "ana", "99")));
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

        at("2026-02-02T01:00:00Z", la);
        new ChargebackReports(
                        tx,
                        new AllocationRules(tx, JSON, Clock.systemUTC()),
                        JSON,
                        Clock.fixed(Instant.parse("2026-02-02T01:00:00Z"), la),
                        la)
                .finalizeReport(january.reportId());
        MonthClose.Outcome again = at("2026-02-02T02:00:00Z", la).close(YearMonth.of(2026, 1));
        assertEquals("already_finalized", again.status());
        assertFalse(again.alerted());
    }
}
