package dev.tollgate.analytics.report;

import dev.tollgate.analytics.jdbc.Statements;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.List;
import org.postgresql.PGStatement;

/** {@link DayFragments} on PostgreSQL: {@code rollup_day_version} and {@code report_fragment} (V16). */
public final class JdbcDayFragments implements DayFragments {
    /** Each day with rollups, with the fragment of the kind only when it was built from the day's current version. */
    static final String DAYS = "SELECT v.day, v.version, f.raw_length, f.crc32, f.body FROM rollup_day_version v"
            + " LEFT JOIN report_fragment f ON f.kind = ? AND f.day = v.day AND f.version = v.version"
            + " WHERE v.day BETWEEN ? AND ? ORDER BY v.day";

    /** A fragment of an older version is replaced; one already newer (another request's) is kept. */
    static final String STORE = "INSERT INTO report_fragment (kind, day, version, raw_length, crc32, body)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, day) DO UPDATE SET version = EXCLUDED.version,"
            + " raw_length = EXCLUDED.raw_length, crc32 = EXCLUDED.crc32, body = EXCLUDED.body"
            + " WHERE report_fragment.version < EXCLUDED.version";

    static final String KINDS = "SELECT DISTINCT kind FROM report_fragment WHERE day BETWEEN ? AND ? ORDER BY kind";

    /** Stale (the day's rollups changed since) or older than the retention; a day without a version has no rollups. */
    static final String PRUNE = "DELETE FROM report_fragment f WHERE f.day < ? OR NOT EXISTS (SELECT 1 FROM"
            + " rollup_day_version v WHERE v.day = f.day AND v.version = f.version)";

    private final TransactionOperations<Connection> tx;

    public JdbcDayFragments(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    @Override
    public List<Day> days(String kind, LocalDate from, LocalDate to) {
        return Statements.read(
                tx,
                DAYS,
                statement -> {
                    // binary results from the first execution: bytea as bytes, not as hex text twice its size
                    statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                    statement.setString(1, kind);
                    statement.setObject(2, from);
                    statement.setObject(3, to);
                },
                rs -> {
                    byte[] body = rs.getBytes(5);
                    Deflated stored = body == null ? null : new Deflated(body, rs.getInt(3), rs.getLong(4));
                    return new Day(rs.getObject(1, LocalDate.class), rs.getLong(2), stored);
                });
    }

    @Override
    public void store(String kind, List<Built> built) {
        if (built.isEmpty()) {
            return;
        }
        tx.executeWrite(status -> {
            try (PreparedStatement statement = status.getConnection().prepareStatement(STORE)) {
                for (Built b : built) {
                    statement.setString(1, kind);
                    statement.setObject(2, b.day());
                    statement.setLong(3, b.version());
                    statement.setInt(4, b.fragment().rawLength());
                    statement.setLong(5, b.fragment().crc32());
                    statement.setBytes(6, b.fragment().bytes());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<String> kinds(LocalDate from, LocalDate to) {
        return Statements.read(
                tx,
                KINDS,
                statement -> {
                    statement.setObject(1, from);
                    statement.setObject(2, to);
                },
                rs -> rs.getString(1));
    }

    @Override
    public int prune(LocalDate before) {
        return Statements.write(tx, PRUNE, statement -> statement.setObject(1, before));
    }
}
