package dev.tollgate.analytics.failover;

import dev.tollgate.analytics.jdbc.Statements;
import dev.tollgate.analytics.jdbc.Statements.Binder;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code failover_rule} table (migration V12), in plain JDBC. */
public final class JdbcFailoverStore implements FailoverStore {
    private static final String COLUMNS = "id, primary_model, fallback_model, trigger_condition, trigger_threshold,"
            + " cooldown_minutes, created_at, updated_at, active_since, active_until, ended_at";

    private final TransactionOperations<Connection> tx;

    public JdbcFailoverStore(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    @Override
    public void insert(FailoverRule r) {
        write("INSERT INTO failover_rule (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)", s -> {
            s.setString(1, r.id());
            s.setString(2, r.primaryModel());
            s.setString(3, r.fallbackModel());
            s.setString(4, r.condition().id());
            s.setObject(5, r.threshold(), Types.DOUBLE);
            s.setInt(6, r.cooldownMinutes());
            s.setTimestamp(7, Timestamp.from(r.createdAt()));
            s.setTimestamp(8, Timestamp.from(r.updatedAt()));
        });
    }

    @Override
    public void update(FailoverRule r) {
        write(
                "UPDATE failover_rule SET primary_model = ?, fallback_model = ?, trigger_condition = ?,"
                        + " trigger_threshold = ?, cooldown_minutes = ?, updated_at = ? WHERE id = ?",
                s -> {
                    s.setString(1, r.primaryModel());
                    s.setString(2, r.fallbackModel());
                    s.setString(3, r.condition().id());
                    s.setObject(4, r.threshold(), Types.DOUBLE);
                    s.setInt(5, r.cooldownMinutes());
                    s.setTimestamp(6, Timestamp.from(r.updatedAt()));
                    s.setString(7, r.id());
                });
    }

    @Override
    public boolean delete(String id) {
        return write("DELETE FROM failover_rule WHERE id = ?", s -> s.setString(1, id)) > 0;
    }

    @Override
    public Optional<FailoverRule> rule(String id) {
        return read(" WHERE id = ?", s -> s.setString(1, id)).stream().findFirst();
    }

    @Override
    public List<FailoverRule> rules() {
        return read(" ORDER BY created_at, id", s -> {});
    }

    @Override
    public boolean transition(String id, Instant expectedUntil, Instant since, Instant until, Instant endedAt) {
        return write(
                        "UPDATE failover_rule SET active_since = ?, active_until = ?, ended_at = coalesce(?, ended_at)"
                                + " WHERE id = ? AND active_until IS NOT DISTINCT FROM ?",
                        s -> {
                            s.setTimestamp(1, timestamp(since));
                            s.setTimestamp(2, timestamp(until));
                            s.setTimestamp(3, timestamp(endedAt));
                            s.setString(4, id);
                            s.setTimestamp(5, timestamp(expectedUntil));
                        })
                > 0;
    }

    private static Timestamp timestamp(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static FailoverRule rule(ResultSet r) throws SQLException {
        return new FailoverRule(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                FailoverTrigger.of(r.getString(4)),
                r.getObject(5) == null ? null : r.getDouble(5),
                r.getInt(6),
                r.getTimestamp(7).toInstant(),
                r.getTimestamp(8).toInstant(),
                instant(r.getTimestamp(9)),
                instant(r.getTimestamp(10)),
                instant(r.getTimestamp(11)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private int write(String sql, Binder binder) {
        return Statements.write(tx, sql, binder);
    }

    private List<FailoverRule> read(String where, Binder binder) {
        return Statements.read(
                tx, "SELECT " + COLUMNS + " FROM failover_rule" + where, binder, JdbcFailoverStore::rule);
    }
}
