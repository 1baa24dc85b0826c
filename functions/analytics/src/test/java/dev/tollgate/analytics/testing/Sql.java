package dev.tollgate.analytics.testing;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the tests read from PostgreSQL directly: a table's rows as text, one value, a query's plan. */
public final class Sql {
    private Sql() {}

    /** Every row of {@code table} as PostgreSQL's row text, sorted: two tables compare row for row. */
    public static List<String> rows(TransactionOperations<Connection> tx, JdbcOperations jdbc, String table) {
        return tx.executeRead(t -> jdbc.prepareStatement("SELECT t::text FROM " + table + " AS t ORDER BY 1", s -> {
            try (ResultSet rs = s.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }));
    }

    /** The first column of the one row {@code sql} answers, with {@code binds}, as {@code type}. */
    public static <T> T value(
            TransactionOperations<Connection> tx, JdbcOperations jdbc, Class<T> type, String sql, Object... binds) {
        return tx.executeRead(t -> jdbc.prepareStatement(sql, s -> {
            for (int i = 0; i < binds.length; i++) {
                s.setObject(i + 1, binds[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return rs.getObject(1, type);
            }
        }));
    }

    /**
     * EXPLAIN of {@code sql} with {@code binds}, after ANALYZE of {@code tables} and with sequential scans off: a test
     * database holds a few rows, and this makes the planner show the index path it would take on a large one.
     */
    public static String plan(TransactionOperations<Connection> tx, String tables, String sql, Object... binds) {
        tx.executeWrite(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                return st.execute("ANALYZE " + tables);
            }
        });
        return tx.executeRead(status -> {
            try (Statement st = status.getConnection().createStatement()) {
                st.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement st = status.getConnection().prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < binds.length; i++) {
                    st.setObject(i + 1, binds[i]);
                }
                StringBuilder lines = new StringBuilder();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        lines.append(rs.getString(1)).append('\n');
                    }
                }
                return lines.toString();
            }
        });
    }
}
