package dev.tollgate.analytics.rollup;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The SQL of the rollup path that is not a coarse table's ({@link CoarseSql} generates theirs, {@code rollup_user_daily}
 * and {@code rollup_user_monthly} included), in one place so a test can pin it (RollupSqlTest names the bugs it
 * guards). {@code rollup_daily} stays hand-written: a call counts in its {@code '*'} row and once per tag, the
 * conflict target is eleven columns, and beside the coarse measures it keeps the last non-empty key alias (not a
 * sum) and cache hits, savings and the input/output cost split, which no coarse table has; {@code health_5min}
 * merges latency histograms bucket by bucket.
 */
public final class RollupSql {
    private RollupSql() {}

    /** Records an object as folded; 0 rows changed means it was folded before. */
    public static final String CLAIM_OBJECT =
            "INSERT INTO ingested_object (object_key, lines, cost) VALUES (?, ?, ?) ON CONFLICT (object_key) DO NOTHING";

    /** Adds a daily row's measures to what the row holds (or creates it). */
    public static final String UPSERT_DAILY =
            "INSERT INTO rollup_daily (day, tag, key_hash, user_id, team_id, end_user,"
                    + " requested_model, model, provider, tag_set, client, key_alias, requests, successes, errors,"
                    + " prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,"
                    + " total_tokens, cost, cache_read_cost, cache_write_cost, cache_hits, saved_cost, input_cost, output_cost)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (day, tag, key_hash, user_id, team_id, end_user, requested_model, model, provider,"
                    + " tag_set, client)"
                    + " DO UPDATE SET"
                    + " key_alias = CASE WHEN EXCLUDED.key_alias = '' THEN rollup_daily.key_alias ELSE EXCLUDED.key_alias END,"
                    + " requests = rollup_daily.requests + EXCLUDED.requests,"
                    + " successes = rollup_daily.successes + EXCLUDED.successes,"
                    + " errors = rollup_daily.errors + EXCLUDED.errors,"
                    + " prompt_tokens = rollup_daily.prompt_tokens + EXCLUDED.prompt_tokens,"
                    + " completion_tokens = rollup_daily.completion_tokens + EXCLUDED.completion_tokens,"
                    + " cache_read_tokens = rollup_daily.cache_read_tokens + EXCLUDED.cache_read_tokens,"
                    + " cache_write_tokens = rollup_daily.cache_write_tokens + EXCLUDED.cache_write_tokens,"
                    + " reasoning_tokens = rollup_daily.reasoning_tokens + EXCLUDED.reasoning_tokens,"
                    + " total_tokens = rollup_daily.total_tokens + EXCLUDED.total_tokens,"
                    + " cost = rollup_daily.cost + EXCLUDED.cost,"
                    + " cache_read_cost = rollup_daily.cache_read_cost + EXCLUDED.cache_read_cost,"
                    + " cache_write_cost = rollup_daily.cache_write_cost + EXCLUDED.cache_write_cost,"
                    + " cache_hits = rollup_daily.cache_hits + EXCLUDED.cache_hits,"
                    + " saved_cost = rollup_daily.saved_cost + EXCLUDED.saved_cost,"
                    + " input_cost = rollup_daily.input_cost + EXCLUDED.input_cost,"
                    + " output_cost = rollup_daily.output_cost + EXCLUDED.output_cost";

    /** Merges two sparse histograms {@code {"bucket": count}} by adding counts per bucket. */
    static String mergeHistogram(String column) {
        return column + " = (SELECT coalesce(jsonb_object_agg(b, n), '{}'::jsonb) FROM (SELECT key AS b,"
                + " sum(value::bigint) AS n FROM (SELECT * FROM jsonb_each_text(health_5min." + column + ")"
                + " UNION ALL SELECT * FROM jsonb_each_text(EXCLUDED." + column + ")) AS both_sides GROUP BY key)"
                + " AS merged)";
    }

    /** Adds a health row's counts and histograms to what the row holds (or creates it). */
    public static final String UPSERT_HEALTH = "INSERT INTO health_5min (bucket_start, provider, model, requests,"
            + " errors_server, errors_timeout, errors_connection, errors_client, latency_ms_sum, latency_hist,"
            + " ttft_count, ttft_hist, total_tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?)"
            + " ON CONFLICT (bucket_start, provider, model) DO UPDATE SET"
            + " requests = health_5min.requests + EXCLUDED.requests,"
            + " errors_server = health_5min.errors_server + EXCLUDED.errors_server,"
            + " errors_timeout = health_5min.errors_timeout + EXCLUDED.errors_timeout,"
            + " errors_connection = health_5min.errors_connection + EXCLUDED.errors_connection,"
            + " errors_client = health_5min.errors_client + EXCLUDED.errors_client,"
            + " latency_ms_sum = health_5min.latency_ms_sum + EXCLUDED.latency_ms_sum,"
            + " ttft_count = health_5min.ttft_count + EXCLUDED.ttft_count,"
            + " total_tokens = health_5min.total_tokens + EXCLUDED.total_tokens, "
            + mergeHistogram("latency_hist") + ", " + mergeHistogram("ttft_hist");

    /**
     * Marks a day's rollups as changed, in the transaction that changes them: the stored report fragments of the
     * day (report/JdbcDayFragments) were built from an older version and are no longer used.
     */
    public static final String BUMP_DAY_VERSION = "INSERT INTO rollup_day_version (day, version) VALUES (?, 1)"
            + " ON CONFLICT (day) DO UPDATE SET version = rollup_day_version.version + 1";

    /** Removes one day's daily rows (rebuild). */
    public static final String DELETE_DAY = "DELETE FROM rollup_daily WHERE day = ?";

    /** Removes the health rows of a time range [from, to) (rebuild). */
    public static final String DELETE_HEALTH_RANGE =
            "DELETE FROM health_5min WHERE bucket_start >= ? AND bucket_start < ?";

    static void bindDaily(PreparedStatement s, DailyKey k, DailyTotals t) throws SQLException {
        s.setObject(1, k.day());
        s.setString(2, k.tag());
        s.setString(3, k.keyHash());
        s.setString(4, k.userId());
        s.setString(5, k.teamId());
        s.setString(6, k.endUser());
        s.setString(7, k.requestedModel());
        s.setString(8, k.model());
        s.setString(9, k.provider());
        s.setString(10, k.tagSet());
        s.setString(11, k.client());
        s.setString(12, t.keyAlias);
        s.setLong(13, t.requests);
        s.setLong(14, t.successes);
        s.setLong(15, t.errors);
        s.setLong(16, t.promptTokens);
        s.setLong(17, t.completionTokens);
        s.setLong(18, t.cacheReadTokens);
        s.setLong(19, t.cacheWriteTokens);
        s.setLong(20, t.reasoningTokens);
        s.setLong(21, t.totalTokens);
        s.setBigDecimal(22, t.cost);
        s.setBigDecimal(23, t.cacheReadCost);
        s.setBigDecimal(24, t.cacheWriteCost);
        s.setLong(25, t.cacheHits);
        s.setBigDecimal(26, t.savedCost);
        s.setBigDecimal(27, t.inputCost);
        s.setBigDecimal(28, t.outputCost);
    }

    static void bindHealth(PreparedStatement s, HealthKey k, HealthTotals t) throws SQLException {
        s.setTimestamp(1, Timestamp.from(k.bucketStart()));
        s.setString(2, k.provider());
        s.setString(3, k.model());
        s.setLong(4, t.requests);
        s.setLong(5, t.errorsServer);
        s.setLong(6, t.errorsTimeout);
        s.setLong(7, t.errorsConnection);
        s.setLong(8, t.errorsClient);
        s.setLong(9, t.latencyMsSum);
        s.setString(10, t.latency.toJson());
        s.setLong(11, t.ttft.count());
        s.setString(12, t.ttft.toJson());
        s.setLong(13, t.totalTokens);
    }
}
