package dev.tollgate.analytics.report;

import static dev.tollgate.analytics.testing.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.rollup.JdbcRollupStore;
import dev.tollgate.analytics.testing.PgContext;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LiteLLM's daily activity, paged by active day. */
class DailyActivityTest {
    private static final LocalDate FROM = LocalDate.of(2026, 10, 1);
    private static final LocalDate TO = LocalDate.of(2026, 10, 31);

    @RegisterExtension
    static final PgContext PG = new PgContext();

    private static RecordingReader reader;
    private static DailyActivity activity;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        TransactionOperations<Connection> tx = PG.tx();
        reader = new RecordingReader(new JdbcRollupReader(tx, PG.jdbc()));
        activity = new DailyActivity(reader);
        // calls on 7 of October's days (none on the others), by two users with two models and providers
        List<SpendLogRecord> calls = new ArrayList<>();
        int n = 0;
        for (int day : new int[] {2, 3, 5, 8, 13, 21, 30}) {
            for (String user : List.of("ana", "bo")) {
                Instant at = Instant.parse("2026-10-" + (day < 10 ? "0" : "") + day + "T10:00:00Z");
                calls.add(call("r" + n++, at, "ml", user, "0.25"));
                calls.add(call("r" + n++, at.plusSeconds(60), "ml", user, "0.25").toBuilder()
                        .model("claude-sonnet")
                        .provider("anthropic")
                        .build());
            }
        }
        new JdbcRollupStore(tx, ZoneOffset.UTC).fold("o", calls);
    }

    private static final List<String> ACTIVE =
            List.of("2026-10-02", "2026-10-03", "2026-10-05", "2026-10-08", "2026-10-13", "2026-10-21", "2026-10-30");

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("results");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> answer) {
        return (Map<String, Object>) answer.get("metadata");
    }

    @Test
    void aPage_readsTheModelProviderKeyRowsOfItsDaysOnly_inOneSnapshot() {
        reader.reset();
        Map<String, Object> answer = activity.activity(FROM, TO, null, 2, 3);

        assertEquals(
                List.of("2026-10-08", "2026-10-13", "2026-10-21"),
                results(answer).stream().map(r -> r.get("date")).toList());
        // one row per active day for the totals, then the page's 3 days x 2 models x 2 keys: not all 7 days' 28
        assertEquals(List.of(7, 12), reader.rows);
        assertEquals(List.of(Dim.DAY), reader.queries.get(0).groupBy());
        assertEquals(LocalDate.of(2026, 10, 8), reader.queries.get(1).from());
        assertEquals(LocalDate.of(2026, 10, 21), reader.queries.get(1).to());
        assertEquals(1, reader.snapshots);
    }

    @Test
    void aPageAfterTheLast_readsNoRows_andStillGivesTheTotals() {
        reader.reset();
        Map<String, Object> answer = activity.activity(FROM, TO, null, 4, 3);

        assertEquals(List.of(), results(answer));
        assertEquals(1, reader.queries.size(), "only the per-day totals");
        assertEquals(3, metadata(answer).get("total_pages"));
        assertEquals(false, metadata(answer).get("has_more"));
        assertEquals(
                0, new BigDecimal("7").compareTo((BigDecimal) metadata(answer).get("total_spend")));
    }

    @Test
    void everyPage_hasTheWholeRangesTotals_andThePagesTogetherAreTheOnePageAnswer() throws Exception {
        for (String user : new String[] {null, "ana"}) {
            Map<String, Object> one = activity.activity(FROM, TO, user, 1, 50);
            assertEquals(ACTIVE, results(one).stream().map(r -> r.get("date")).toList());
            BigDecimal spend = user == null ? new BigDecimal("7") : new BigDecimal("3.5");
            long requests = user == null ? 28 : 14;
            for (int size = 1; size <= 7; size++) {
                int pages = (7 + size - 1) / size;
                List<Map<String, Object>> joined = new ArrayList<>();
                for (int page = 1; page <= pages; page++) {
                    Map<String, Object> answer = activity.activity(FROM, TO, user, page, size);
                    Map<String, Object> meta = metadata(answer);
                    assertEquals(0, spend.compareTo((BigDecimal) meta.get("total_spend")), meta.toString());
                    assertEquals(requests, meta.get("total_api_requests"));
                    assertEquals(requests, meta.get("total_successful_requests"));
                    assertEquals(requests * 100, meta.get("total_prompt_tokens"));
                    assertEquals(requests * 120, meta.get("total_tokens"));
                    assertEquals(pages, meta.get("total_pages"));
                    assertEquals(page < pages, meta.get("has_more"));
                    joined.addAll(results(answer));
                }
                assertEquals(
                        JSON.writeValueAsString(results(one)), JSON.writeValueAsString(joined), "page size " + size);
            }
        }
    }

    @Test
    void noCalls_isOnePageOfNothing() {
        Map<String, Object> answer =
                activity.activity(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30), null, 1, 50);

        assertEquals(List.of(), results(answer));
        assertEquals(1, metadata(answer).get("total_pages"));
        assertEquals(false, metadata(answer).get("has_more"));
        assertEquals(0L, metadata(answer).get("total_api_requests"));
        assertTrue(BigDecimal.ZERO.compareTo((BigDecimal) metadata(answer).get("total_spend")) == 0);
    }
}
