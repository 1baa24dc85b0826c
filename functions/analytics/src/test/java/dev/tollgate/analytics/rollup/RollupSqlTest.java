package dev.tollgate.analytics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        // replaced instead of added shows only the last object's spend in /api/v1/reports/cost). The
        // statement is the one the hand-written SQL of V3's table was, to the character.
        assertEquals(
                "INSERT INTO rollup_user_daily (day, team_id, user_id, model, provider, requests, successes, errors,"
                        + " prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,"
                        + " total_tokens, cost, cache_read_cost, cache_write_cost)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (day, team_id, user_id, model, provider) DO UPDATE SET"
                        + " requests = rollup_user_daily.requests + EXCLUDED.requests,"
                        + " successes = rollup_user_daily.successes + EXCLUDED.successes,"
                        + " errors = rollup_user_daily.errors + EXCLUDED.errors,"
                        + " prompt_tokens = rollup_user_daily.prompt_tokens + EXCLUDED.prompt_tokens,"
                        + " completion_tokens = rollup_user_daily.completion_tokens + EXCLUDED.completion_tokens,"
                        + " cache_read_tokens = rollup_user_daily.cache_read_tokens + EXCLUDED.cache_read_tokens,"
                        + " cache_write_tokens = rollup_user_daily.cache_write_tokens + EXCLUDED.cache_write_tokens,"
                        + " reasoning_tokens = rollup_user_daily.reasoning_tokens + EXCLUDED.reasoning_tokens,"
                        + " total_tokens = rollup_user_daily.total_tokens + EXCLUDED.total_tokens,"
                        + " cost = rollup_user_daily.cost + EXCLUDED.cost,"
                        + " cache_read_cost = rollup_user_daily.cache_read_cost + EXCLUDED.cache_read_cost,"
                        + " cache_write_cost = rollup_user_daily.cache_write_cost + EXCLUDED.cache_write_cost",
                CoarseSql.upsert(CoarseTable.USER_DAILY));
        assertEquals("DELETE FROM rollup_user_daily WHERE day = ?", CoarseSql.deletePeriod(CoarseTable.USER_DAILY));
    }

    @Test
    void userMonthlyUpsert_addsEveryMeasure_onTheMonthlyTableAndItsKey() {
        // Bug guarded: the monthly statement naming rollup_user_daily or `day` would write the monthly
        // rows into the daily table (doubling the cost report) or fail on every fold.
        String upsert = CoarseSql.upsert(CoarseTable.USER_MONTHLY);
        assertTrue(upsert.startsWith("INSERT INTO rollup_user_monthly (month, team_id, user_id, model, provider,"));
        assertTrue(upsert.contains("ON CONFLICT (month, team_id, user_id, model, provider)"));
        assertTrue(!upsert.contains("rollup_user_daily"));
        for (String m : MEASURES) {
            assertTrue(upsert.contains(" " + m + " = rollup_user_monthly." + m + " + EXCLUDED." + m));
        }
        assertEquals(CoarseTable.USER_DAILY.columns(), CoarseTable.USER_MONTHLY.columns());
        assertTrue(CoarseTable.USER_MONTHLY.monthly() && !CoarseTable.USER_DAILY.monthly());
    }

    @Test
    void userMonthlyRebuild_sumsTheMonthOfTheDailyTable_byItsWholeKey() {
        // Bug guarded: a recompute missing a column of the key (GROUP BY short of provider, say) would merge
        // rows after a rebuild; one reading itself instead of the days would keep the month's stale rows.
        assertEquals(
                "INSERT INTO rollup_user_monthly (month, team_id, user_id, model, provider, requests, successes, errors,"
                        + " prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,"
                        + " total_tokens, cost, cache_read_cost, cache_write_cost)"
                        + " SELECT ?, team_id, user_id, model, provider, sum(requests),"
                        + " sum(successes), sum(errors), sum(prompt_tokens), sum(completion_tokens),"
                        + " sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens), sum(total_tokens),"
                        + " sum(cost), sum(cache_read_cost), sum(cache_write_cost) FROM rollup_user_daily"
                        + " WHERE day >= ? AND day < ? GROUP BY team_id, user_id, model, provider",
                CoarseSql.recomputeMonth(CoarseTable.USER_MONTHLY));
        assertEquals(
                "DELETE FROM rollup_user_monthly WHERE month = ?", CoarseSql.deletePeriod(CoarseTable.USER_MONTHLY));
        // a daily table is rebuilt from the lines, never summed from rollup_user_daily (least of all from itself)
        for (CoarseTable t : CoarseTable.values()) {
            if (!t.monthly()) {
                assertThrows(IllegalArgumentException.class, () -> CoarseSql.recomputeMonth(t), t.table());
            } else {
                assertTrue(CoarseTable.USER_DAILY.columns().containsAll(t.columns()), t.table());
            }
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

    @Test
    void dailyUpsert_addsTheRecordedCostSplit() {
        // Bug guarded: input_cost/output_cost replaced instead of added would make the FOCUS export's
        // input and output rows the last batch's, and Σ BilledCost stop equalling Σ cost.
        assertTrue(RollupSql.UPSERT_DAILY.contains(" input_cost = rollup_daily.input_cost + EXCLUDED.input_cost"));
        assertTrue(RollupSql.UPSERT_DAILY.contains(" output_cost = rollup_daily.output_cost + EXCLUDED.output_cost"));
    }

    @Test
    void coarseUpserts_addEveryMeasure_onTheirOwnTable_keyedByTheirWholePrimaryKey() {
        // Bug guarded: a narrow table whose measure is replaced shows only the last object's spend in the
        // report that reads it; a conflict target short of the primary key fails every fold.
        assertEquals(
                "INSERT INTO rollup_team_monthly (month, team_id, model, provider, requests, successes, errors,"
                        + " prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,"
                        + " total_tokens, cost, cache_read_cost, cache_write_cost)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (month, team_id, model, provider) DO UPDATE SET"
                        + " requests = rollup_team_monthly.requests + EXCLUDED.requests, successes ="
                        + " rollup_team_monthly.successes + EXCLUDED.successes, errors = rollup_team_monthly.errors"
                        + " + EXCLUDED.errors, prompt_tokens = rollup_team_monthly.prompt_tokens +"
                        + " EXCLUDED.prompt_tokens, completion_tokens = rollup_team_monthly.completion_tokens +"
                        + " EXCLUDED.completion_tokens, cache_read_tokens = rollup_team_monthly.cache_read_tokens +"
                        + " EXCLUDED.cache_read_tokens, cache_write_tokens = rollup_team_monthly.cache_write_tokens +"
                        + " EXCLUDED.cache_write_tokens, reasoning_tokens = rollup_team_monthly.reasoning_tokens +"
                        + " EXCLUDED.reasoning_tokens, total_tokens = rollup_team_monthly.total_tokens +"
                        + " EXCLUDED.total_tokens, cost = rollup_team_monthly.cost + EXCLUDED.cost, cache_read_cost ="
                        + " rollup_team_monthly.cache_read_cost + EXCLUDED.cache_read_cost, cache_write_cost ="
                        + " rollup_team_monthly.cache_write_cost + EXCLUDED.cache_write_cost",
                CoarseSql.upsert(CoarseTable.TEAM_MONTHLY));
        for (CoarseTable t : CoarseTable.values()) {
            String upsert = CoarseSql.upsert(t);
            assertTrue(
                    upsert.contains("ON CONFLICT (" + t.period() + ", " + String.join(", ", t.columns()) + ")"),
                    t.table());
            for (String m : MEASURES) {
                assertTrue(upsert.contains(" " + m + " = " + t.table() + "." + m + " + EXCLUDED." + m), t + " " + m);
            }
        }
    }

    @Test
    void rebuild_recomputesAMonthFromTheDays_andDeletesOnlyItsOwnPeriod() {
        // Bug guarded: a recompute without GROUP BY on the table's columns (or from rollup_daily's tag rows)
        // would count a call once per tag in the monthly tables after a rebuild.
        assertEquals(
                "INSERT INTO rollup_member_monthly (month, team_id, user_id, requests, successes, errors, prompt_tokens,"
                        + " completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, total_tokens,"
                        + " cost, cache_read_cost, cache_write_cost)"
                        + " SELECT ?, team_id, user_id, sum(requests), sum(successes),"
                        + " sum(errors), sum(prompt_tokens), sum(completion_tokens), sum(cache_read_tokens),"
                        + " sum(cache_write_tokens), sum(reasoning_tokens), sum(total_tokens), sum(cost),"
                        + " sum(cache_read_cost), sum(cache_write_cost) FROM rollup_user_daily WHERE day >= ? AND"
                        + " day < ? GROUP BY team_id, user_id",
                CoarseSql.recomputeMonth(CoarseTable.MEMBER_MONTHLY));
        assertEquals("DELETE FROM rollup_key_daily WHERE day = ?", CoarseSql.deletePeriod(CoarseTable.KEY_DAILY));
        assertEquals("DELETE FROM rollup_team_daily WHERE day = ?", CoarseSql.deletePeriod(CoarseTable.TEAM_DAILY));
        assertEquals("DELETE FROM rollup_member_daily WHERE day = ?", CoarseSql.deletePeriod(CoarseTable.MEMBER_DAILY));
        assertEquals(
                "DELETE FROM rollup_team_monthly WHERE month = ?", CoarseSql.deletePeriod(CoarseTable.TEAM_MONTHLY));
    }

    @Test
    void dailyTeamAndMemberTables_areKeyedByDay_withTheirMonthlyCounterpartsColumns() {
        // Bug guarded: a report reads whole months from a monthly table and the other days from its daily
        // counterpart in one UNION; a daily table keyed by month (or missing a column of its monthly one) would
        // fold a month's calls into one row a day or fail every report that crosses a month boundary.
        assertEquals(
                "INSERT INTO rollup_member_daily (day, team_id, user_id, requests, successes, errors,"
                        + " prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,"
                        + " total_tokens, cost, cache_read_cost, cache_write_cost)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (day, team_id, user_id) DO UPDATE SET"
                        + " requests = rollup_member_daily.requests + EXCLUDED.requests, successes ="
                        + " rollup_member_daily.successes + EXCLUDED.successes, errors = rollup_member_daily.errors"
                        + " + EXCLUDED.errors, prompt_tokens = rollup_member_daily.prompt_tokens +"
                        + " EXCLUDED.prompt_tokens, completion_tokens = rollup_member_daily.completion_tokens +"
                        + " EXCLUDED.completion_tokens, cache_read_tokens = rollup_member_daily.cache_read_tokens +"
                        + " EXCLUDED.cache_read_tokens, cache_write_tokens = rollup_member_daily.cache_write_tokens +"
                        + " EXCLUDED.cache_write_tokens, reasoning_tokens = rollup_member_daily.reasoning_tokens +"
                        + " EXCLUDED.reasoning_tokens, total_tokens = rollup_member_daily.total_tokens +"
                        + " EXCLUDED.total_tokens, cost = rollup_member_daily.cost + EXCLUDED.cost, cache_read_cost ="
                        + " rollup_member_daily.cache_read_cost + EXCLUDED.cache_read_cost, cache_write_cost ="
                        + " rollup_member_daily.cache_write_cost + EXCLUDED.cache_write_cost",
                CoarseSql.upsert(CoarseTable.MEMBER_DAILY));
        assertTrue(CoarseSql.upsert(CoarseTable.TEAM_DAILY)
                .startsWith("INSERT INTO rollup_team_daily (day, team_id, model, provider, requests,"));
        assertTrue(CoarseSql.upsert(CoarseTable.TEAM_DAILY).contains("ON CONFLICT (day, team_id, model, provider)"));
        assertEquals(CoarseTable.TEAM_MONTHLY.columns(), CoarseTable.TEAM_DAILY.columns());
        assertEquals(CoarseTable.MEMBER_MONTHLY.columns(), CoarseTable.MEMBER_DAILY.columns());
        assertTrue(!CoarseTable.TEAM_DAILY.monthly() && !CoarseTable.MEMBER_DAILY.monthly());
    }
}
