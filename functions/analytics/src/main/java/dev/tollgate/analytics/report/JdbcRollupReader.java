package dev.tollgate.analytics.report;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link RollupReader} on PostgreSQL: one GROUP BY over the smallest rollup that has the query's
 * dimensions: a monthly table for whole months ({@code rollup_member_monthly}, {@code rollup_team_monthly},
 * {@code rollup_user_monthly}), its daily counterpart for the other days ({@code rollup_member_daily},
 * {@code rollup_team_daily}, {@code rollup_user_daily}), {@code rollup_key_daily} for LiteLLM's team report,
 * {@code rollup_daily} for keys with aliases, end users, tags and clients.
 */
public final class JdbcRollupReader implements RollupReader {
    private static final String MEASURES = "sum(requests), sum(successes), sum(errors), sum(prompt_tokens),"
            + " sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),"
            + " sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost), max(key_alias),"
            + " sum(input_cost), sum(output_cost)";
    /** The same measures on the narrower rollups, which keep no key alias and no input/output split. */
    private static final String COARSE_MEASURES =
            MEASURES.replace("max(key_alias),", "'',").replace("sum(input_cost), sum(output_cost)", "0, 0");

    /** The coarse measures of one row, unsummed ({@link #whole} queries). */
    private static final String UNSUMMED_MEASURES = COARSE_MEASURES.replaceAll("sum\\((\\w+)\\)", "$1");

    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;

    public JdbcRollupReader(TransactionOperations<Connection> tx, JdbcOperations jdbc) {
        this.tx = tx;
        this.jdbc = jdbc;
    }

    /** Read-only, REPEATABLE READ: PostgreSQL takes one snapshot at the transaction's first statement. */
    static final io.micronaut.transaction.TransactionDefinition SNAPSHOT = snapshot();

    private static io.micronaut.transaction.TransactionDefinition snapshot() {
        io.micronaut.transaction.support.DefaultTransactionDefinition definition =
                new io.micronaut.transaction.support.DefaultTransactionDefinition();
        definition.setReadOnly(true);
        definition.setIsolationLevel(io.micronaut.transaction.TransactionDefinition.Isolation.REPEATABLE_READ);
        return definition;
    }

    @Override
    public <T> T consistently(java.util.function.Supplier<T> work) {
        return tx.execute(SNAPSHOT, status -> work.get());
    }

    @Override
    public List<RollupRow> query(RollupQuery q) {
        String sql = sql(q);
        return tx.executeRead(status -> {
            try (java.sql.Statement memory = status.getConnection().createStatement()) {
                memory.execute(WORK_MEM); // a big report sorts and hashes in memory, not in temporary files
            }
            return jdbc.prepareStatement(sql, statement -> {
                bind(statement, q);
                statement.setFetchSize(FETCH_SIZE); // stream big answers instead of holding every row twice
                return rows(statement.executeQuery(), q);
            });
        });
    }

    /** Rows per round trip: the driver otherwise buffers a whole result (a million rows for the team report). */
    static final int FETCH_SIZE = 10_000;

    /** For this transaction only: the memory a report's sort or hash may use before spilling to disk. */
    static final String WORK_MEM = "SET LOCAL work_mem = '64MB'";

    /** Summed over rollup_daily's every-call rows (only that table keeps the cache's savings, since V5). */
    static final String CACHE_SAVINGS = "SELECT coalesce(sum(cache_hits), 0), coalesce(sum(saved_cost), 0)"
            + " FROM rollup_daily WHERE day BETWEEN ? AND ? AND tag = '*'";

    @Override
    public CacheSavings cacheSavings(LocalDate from, LocalDate to) {
        return tx.executeRead(status -> jdbc.prepareStatement(CACHE_SAVINGS, statement -> {
            statement.setObject(1, from);
            statement.setObject(2, to);
            try (java.sql.ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new CacheSavings(rs.getLong(1), rs.getBigDecimal(2).stripTrailingZeros());
            }
        }));
    }

    /** The dimensions {@code rollup_user_daily} keeps. */
    private static final Set<Dim> USER_DAY_DIMS = EnumSet.of(Dim.DAY, Dim.TEAM, Dim.USER, Dim.MODEL, Dim.PROVIDER);

    /** The coarse daily tables, smallest first, with the dimensions each keeps (as {@link #MONTHLY}, by day). */
    private static final List<Map.Entry<String, Set<Dim>>> DAILY = List.of(
            Map.entry("rollup_member_daily", EnumSet.of(Dim.DAY, Dim.TEAM, Dim.USER)),
            Map.entry("rollup_team_daily", EnumSet.of(Dim.DAY, Dim.TEAM, Dim.MODEL, Dim.PROVIDER)),
            Map.entry("rollup_user_daily", USER_DAY_DIMS));

    /** The dimensions {@code rollup_key_daily} keeps (no key alias: see {@link #source}). */
    private static final Set<Dim> KEY_DAY_DIMS = EnumSet.of(Dim.DAY, Dim.TEAM, Dim.KEY, Dim.MODEL);

    /** The monthly tables, smallest first, with the dimensions each keeps. */
    private static final List<Map.Entry<String, Set<Dim>>> MONTHLY = List.of(
            Map.entry("rollup_member_monthly", EnumSet.of(Dim.TEAM, Dim.USER)),
            Map.entry("rollup_team_monthly", EnumSet.of(Dim.TEAM, Dim.MODEL, Dim.PROVIDER)),
            Map.entry("rollup_user_monthly", EnumSet.of(Dim.TEAM, Dim.USER, Dim.MODEL, Dim.PROVIDER)));

    /** The dimensions a query groups or filters by. */
    private static Set<Dim> needed(RollupQuery q) {
        Set<Dim> dims = EnumSet.noneOf(Dim.class);
        dims.addAll(q.groupBy());
        dims.addAll(q.filters().keySet());
        return dims;
    }

    /** True when the coarse daily tables ({@link #DAILY}) answer the query (fewer rows, same totals). */
    static boolean coarse(RollupQuery q) {
        return !q.tagRows() && USER_DAY_DIMS.containsAll(needed(q));
    }

    /**
     * The table a query reads for the days no monthly table covers: the smallest coarse daily table with
     * the dimensions ({@link #dailyTable}), {@code rollup_key_daily} for per-team key and model rows (LiteLLM's
     * team report; the per-key report without team reads {@code rollup_daily} for its key aliases), else
     * {@code rollup_daily}.
     */
    static String source(RollupQuery q) {
        if (coarse(q)) {
            return dailyTable(q);
        }
        if (!q.tagRows() && KEY_DAY_DIMS.containsAll(needed(q)) && q.groupBy().contains(Dim.TEAM)) {
            return "rollup_key_daily";
        }
        return "rollup_daily";
    }

    /** True when a {@code rollup_key_daily} query groups by its whole primary key, in key order. */
    static boolean whole(RollupQuery q) {
        return q.groupBy().equals(List.of(Dim.DAY, Dim.TEAM, Dim.KEY, Dim.MODEL));
    }

    /** The smallest monthly table with the query's dimensions. */
    static String monthlyTable(RollupQuery q) {
        return smallest(MONTHLY, needed(q));
    }

    /** The smallest coarse daily table with the query's dimensions (a {@link #coarse} query). */
    static String dailyTable(RollupQuery q) {
        return smallest(DAILY, needed(q));
    }

    private static String smallest(List<Map.Entry<String, Set<Dim>>> tables, Set<Dim> dims) {
        return tables.stream()
                .filter(e -> e.getValue().containsAll(dims))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    static String sql(RollupQuery q) {
        String groups = q.groupBy().stream().map(Dim::column).collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT ");
        if (!groups.isEmpty()) {
            sql.append(groups).append(", ");
        }
        LocalDate[] months = months(q);
        String source = source(q);
        // grouped by rollup_key_daily's whole primary key: each row is its own group, read in key order, nothing summed
        boolean unsummed = source.equals("rollup_key_daily") && whole(q);
        if (months != null) {
            // whole months from the smallest monthly rollup that has the dimensions, the other days of the
            // range from the smallest daily one; only the needed columns cross the UNION
            String columns = needed(q).stream().map(d -> d.column() + ", ").collect(Collectors.joining())
                    + "requests, successes, errors, prompt_tokens, completion_tokens, cache_read_tokens,"
                    + " cache_write_tokens, reasoning_tokens, total_tokens, cost, cache_read_cost, cache_write_cost";
            sql.append(COARSE_MEASURES)
                    .append(" FROM (SELECT ")
                    .append(columns)
                    .append(" FROM ")
                    .append(monthlyTable(q))
                    .append(" WHERE month >= ? AND month <= ? UNION ALL SELECT ")
                    .append(columns)
                    .append(" FROM ")
                    .append(source)
                    .append(" WHERE day BETWEEN ? AND ? AND NOT (day >= ? AND day < ?)) AS coarse WHERE TRUE");
        } else if (unsummed) {
            sql.append(UNSUMMED_MEASURES).append(" FROM rollup_key_daily WHERE day BETWEEN ? AND ?");
        } else if (!source.equals("rollup_daily")) {
            sql.append(COARSE_MEASURES).append(" FROM ").append(source).append(" WHERE day BETWEEN ? AND ?");
        } else {
            sql.append(MEASURES).append(" FROM rollup_daily WHERE day BETWEEN ? AND ? AND tag ");
            sql.append(q.tagRows() ? "<> '*'" : "= '*'");
        }
        for (Dim d : q.filters().keySet()) {
            sql.append(" AND ").append(d.column()).append(" = ?");
        }
        if (!groups.isEmpty()) {
            sql.append(unsummed ? "" : " GROUP BY " + groups)
                    .append(" ORDER BY ")
                    .append(groups);
        }
        return sql.toString();
    }

    /**
     * The first and last month the monthly rollup can answer for this query, or null: a coarse query
     * not grouped by day, over whole calendar months (the month of {@code to} counts as whole when no
     * call is dated after {@code to}).
     */
    static LocalDate[] months(RollupQuery q) {
        if (!coarse(q) || q.groupBy().contains(Dim.DAY)) {
            return null;
        }
        LocalDate first = q.from().getDayOfMonth() == 1
                ? q.from()
                : q.from().withDayOfMonth(1).plusMonths(1);
        boolean lastWhole = q.openEnd() || q.to().equals(q.to().withDayOfMonth(q.to().lengthOfMonth()));
        LocalDate last =
                lastWhole ? q.to().withDayOfMonth(1) : q.to().withDayOfMonth(1).minusMonths(1);
        return first.isAfter(last) ? null : new LocalDate[] {first, last};
    }

    private static void bind(PreparedStatement s, RollupQuery q) throws SQLException {
        int i = 1;
        LocalDate[] months = months(q);
        if (months != null) {
            s.setObject(i++, months[0]);
            s.setObject(i++, months[1]);
        }
        s.setObject(i++, q.from());
        s.setObject(i++, q.to());
        if (months != null) {
            s.setObject(i++, months[0]);
            s.setObject(i++, months[1].plusMonths(1));
        }
        for (String value : q.filters().values()) {
            s.setString(i++, value);
        }
    }

    private static List<RollupRow> rows(ResultSet rs, RollupQuery q) throws SQLException {
        List<RollupRow> rows = new ArrayList<>();
        int n = q.groupBy().size();
        while (rs.next()) {
            if (rs.getObject(n + 1) == null) {
                continue; // no rows at all: SUM over nothing
            }
            Map<Dim, String> dims = new EnumMap<>(Dim.class);
            for (int i = 0; i < n; i++) {
                dims.put(q.groupBy().get(i), rs.getString(i + 1));
            }
            Totals t = new Totals(
                    rs.getLong(n + 1),
                    rs.getLong(n + 2),
                    rs.getLong(n + 3),
                    rs.getLong(n + 4),
                    rs.getLong(n + 5),
                    rs.getLong(n + 6),
                    rs.getLong(n + 7),
                    rs.getLong(n + 8),
                    rs.getLong(n + 9),
                    rs.getBigDecimal(n + 10).stripTrailingZeros(),
                    rs.getBigDecimal(n + 11).stripTrailingZeros(),
                    rs.getBigDecimal(n + 12).stripTrailingZeros(),
                    rs.getBigDecimal(n + 14).stripTrailingZeros(),
                    rs.getBigDecimal(n + 15).stripTrailingZeros());
            rows.add(new RollupRow(dims, rs.getString(n + 13), t));
        }
        return rows;
    }

    /** The sum of every group. */
    public static Totals total(List<RollupRow> rows) {
        return rows.stream().map(RollupRow::totals).reduce(Totals.ZERO, Totals::plus);
    }
}
