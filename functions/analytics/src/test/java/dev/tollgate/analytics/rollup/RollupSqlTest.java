package dev.tollgate.analytics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the rollup SQL; each assertion names the bug it guards. */
class RollupSqlTest {
    private static final List<String> MEASURES = List.of(
            "requests",
            "successes",
            "errors",
            "prompt_tokens",
            "completion_tokens",
            "cache_read_tokens",
            "cache_write_tokens",
            "reasoning_tokens",
            "total_tokens",
            "cost",
            "cache_read_cost",
            "cache_write_cost");

    @Test
    void claim_doesNothingOnAKnownKey_andFoldChecksTheRowCount() {
        // Bug guarded: "ON CONFLICT DO UPDATE" (or no conflict clause plus a caught error) would let a
        // retried batch fold its lines a second time, or abort the batch forever.
        assertEquals(
                "INSERT INTO ingested_object (object_key, lines, cost) VALUES (?, ?, ?)"
                        + " ON CONFLICT (object_key) DO NOTHING",
                RollupSql.CLAIM_OBJECT);
    }

    @Test
    void dailyUpsert_addsEveryMeasureToTheRow() {
        // Bug guarded: "SET cost = EXCLUDED.cost" overwrites the row with the last object's sum, so a
        // day's total becomes the last batch's total (silent under-reporting that no total check in a
        // single-batch test would see).
        for (String m : MEASURES) {
            assertTrue(
                    RollupSql.UPSERT_DAILY.contains(" " + m + " = rollup_daily." + m + " + EXCLUDED." + m),
                    m + " must be added, not replaced");
        }
    }

    @Test
    void userDailyUpsert_addsEveryMeasureToTheRow() {
        // Bug guarded: the coarse table the cost reports read drifting from rollup_daily (a measure
        // replaced instead of added shows only the last object's spend in /api/v1/reports/cost).
        for (String m : MEASURES) {
            assertTrue(
                    RollupSql.UPSERT_USER_DAILY.contains(" " + m + " = rollup_user_daily." + m + " + EXCLUDED." + m),
                    m + " must be added, not replaced");
        }
    }

    @Test
    void userMonthlyUpsert_addsEveryMeasure_onTheMonthlyTableAndItsKey() {
        // Bug guarded: the derived statement still naming rollup_user_daily or `day` would write the
        // monthly rows into the daily table (doubling the cost report) or fail on every fold.
        assertTrue(RollupSql.UPSERT_USER_MONTHLY.startsWith("INSERT INTO rollup_user_monthly (month, team_id"));
        assertTrue(RollupSql.UPSERT_USER_MONTHLY.contains("ON CONFLICT (month, team_id, user_id, model, provider)"));
        assertTrue(!RollupSql.UPSERT_USER_MONTHLY.contains("rollup_user_daily"));
        for (String m : MEASURES) {
            assertTrue(RollupSql.UPSERT_USER_MONTHLY.contains(
                    " " + m + " = rollup_user_monthly." + m + " + EXCLUDED." + m));
        }
    }

    @Test
    void dailyUpsert_conflictTargetIsTheWholePrimaryKey() {
        // Bug guarded: a conflict target without `tag` merges a call's tag rows into its '*' row and
        // double-counts the totals; one without `day` merges days.
        assertTrue(RollupSql.UPSERT_DAILY.contains(
                "ON CONFLICT (day, tag, key_hash, user_id, team_id, end_user, requested_model, model, provider,"));
    }

    @Test
    void dailyUpsert_keepsClientsApart_andAddsCacheSavings() {
        // Bug guarded: a conflict target without `client` would merge Claude Code's and Codex's calls of
        // the same key, day and model into one row, so spend by client would name whichever came last;
        // savings replaced instead of added would show only the last batch's cache hits.
        assertTrue(RollupSql.UPSERT_DAILY.contains("provider, tag_set, client)"));
        assertTrue(RollupSql.UPSERT_DAILY.contains(" cache_hits = rollup_daily.cache_hits + EXCLUDED.cache_hits"));
        assertTrue(RollupSql.UPSERT_DAILY.contains(" saved_cost = rollup_daily.saved_cost + EXCLUDED.saved_cost"));
    }

    @Test
    void healthUpsert_addsCountsAndMergesHistogramsBucketByBucket() {
        // Bug guarded: "latency_hist = EXCLUDED.latency_hist" (or jsonb ||, which keeps one side's count
        // of a shared bucket) loses the earlier objects' latencies, so p95 reflects the last batch only.
        for (String m : List.of(
                "requests", "errors_server", "errors_timeout", "errors_connection", "errors_client", "total_tokens")) {
            assertTrue(RollupSql.UPSERT_HEALTH.contains(" " + m + " = health_5min." + m + " + EXCLUDED." + m), m);
        }
        assertTrue(RollupSql.UPSERT_HEALTH.contains("sum(value::bigint)"));
        assertTrue(RollupSql.UPSERT_HEALTH.contains("jsonb_each_text(health_5min.latency_hist)"));
        assertTrue(RollupSql.UPSERT_HEALTH.contains("UNION ALL SELECT * FROM jsonb_each_text(EXCLUDED.latency_hist)"));
    }
}
