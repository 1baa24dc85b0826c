package dev.tollgate.analytics.jdbc;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One prepared statement in its own transaction; an {@link SQLException} becomes an {@link IllegalStateException}. */
public final class Statements {
    private Statements() {}

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** Reads the current row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet r) throws SQLException;
    }

    /** Runs an update; the number of rows it changed. */
    public static int write(TransactionOperations<Connection> tx, String sql, Binder binder) {
        return tx.executeWrite(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                binder.bind(s);
                return s.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs a query; its rows, in order. */
    public static <T> List<T> read(
            TransactionOperations<Connection> tx, String sql, Binder binder, RowMapper<T> mapper) {
        return tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection().prepareStatement(sql)) {
                binder.bind(s);
                List<T> rows = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(mapper.map(r));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
