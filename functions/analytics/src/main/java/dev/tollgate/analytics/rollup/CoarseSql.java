package dev.tollgate.analytics.rollup;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of the {@link CoarseTable}s, generated from their columns (RollupSqlTest pins it): the fold's upsert, and
 * the rebuild's delete of a period and recompute of a month. No coarse table has SQL of its own.
 */
public final class CoarseSql {
    private CoarseSql() {}

    /** The measures every coarse table keeps, in column order. */
    public static final List<String> MEASURES = List.of(
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

    /** Adds a row's measures to what the row holds (or creates it). */
    public static String upsert(CoarseTable t) {
        String keys = t.period() + ", " + String.join(", ", t.columns());
        String marks = String.join(", ", Collections.nCopies(1 + t.columns().size() + MEASURES.size(), "?"));
        return "INSERT INTO " + t.table() + " (" + keys + ", " + String.join(", ", MEASURES) + ") VALUES (" + marks
                + ") ON CONFLICT (" + keys + ") DO UPDATE SET "
                + MEASURES.stream()
                        .map(m -> m + " = " + t.table() + "." + m + " + EXCLUDED." + m)
                        .collect(Collectors.joining(", "));
    }

    /** Removes one period's rows (rebuild): a day of a daily table, a month of a monthly one. */
    public static String deletePeriod(CoarseTable t) {
        return "DELETE FROM " + t.table() + " WHERE " + t.period() + " = ?";
    }

    /**
     * Recomputes one month of a monthly table from {@link CoarseTable#USER_DAILY} ({@code rollup_user_daily}), which
     * has every column the monthly tables keep (rebuild: {@link #deletePeriod} first, and the month's days written
     * before). Parameters: the month, its first day, the next month's first day.
     */
    public static String recomputeMonth(CoarseTable t) {
        CoarseTable source = CoarseTable.USER_DAILY;
        if (!t.monthly() || !source.columns().containsAll(t.columns())) {
            throw new IllegalArgumentException(t + " is not a monthly table with a subset of " + source + "'s columns");
        }
        String columns = String.join(", ", t.columns());
        // the target's columns named: a column added to a monthly table later cannot receive another's values
        return "INSERT INTO " + t.table() + " (" + t.period() + ", " + columns + ", " + String.join(", ", MEASURES)
                + ") SELECT ?, " + columns + ", "
                + MEASURES.stream().map(m -> "sum(" + m + ")").collect(Collectors.joining(", "))
                + " FROM " + source.table() + " WHERE day >= ? AND day < ? GROUP BY " + columns;
    }

    static void bind(PreparedStatement s, CoarseTable.CoarseKey k, DailyTotals t) throws SQLException {
        int i = 1;
        s.setObject(i++, k.period());
        for (String v : k.values()) {
            s.setString(i++, v);
        }
        s.setLong(i++, t.requests);
        s.setLong(i++, t.successes);
        s.setLong(i++, t.errors);
        s.setLong(i++, t.promptTokens);
        s.setLong(i++, t.completionTokens);
        s.setLong(i++, t.cacheReadTokens);
        s.setLong(i++, t.cacheWriteTokens);
        s.setLong(i++, t.reasoningTokens);
        s.setLong(i++, t.totalTokens);
        s.setBigDecimal(i++, t.cost);
        s.setBigDecimal(i++, t.cacheReadCost);
        s.setBigDecimal(i, t.cacheWriteCost);
    }
}
