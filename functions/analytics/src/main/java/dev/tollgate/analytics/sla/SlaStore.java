package dev.tollgate.analytics.sla;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.analytics.jdbc.Statements;
import dev.tollgate.analytics.jdbc.Statements.Binder;
import dev.tollgate.analytics.jdbc.Statements.RowMapper;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SLA tables and the {@code health_5min} reads, in plain JDBC. */
public final class SlaStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<Integer, Long>> HIST = new TypeReference<>() {};
    private static final String DEFINITION_COLUMNS = "id, name, provider, model_pattern, target_p50_ms, target_p95_ms,"
            + " target_p99_ms, target_error_rate, target_availability, evaluation_window_minutes, created_at,"
            + " updated_at";
    private static final String VIOLATION_COLUMNS = "v.id, v.definition_id, d.name, v.metric, v.provider, v.model,"
            + " v.observed, v.target, v.opened_at, v.last_breached_at, v.resolved_at, v.resolved_by,"
            + " v.resolved_observed";

    private final TransactionOperations<Connection> tx;

    public SlaStore(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    // ---- definitions

    public void insert(SlaDefinition d) {
        write(
                "INSERT INTO sla_definition (" + DEFINITION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, d.id());
                    bindDefinition(s, d, 2);
                    s.setTimestamp(11, Timestamp.from(d.createdAt()));
                    s.setTimestamp(12, Timestamp.from(d.updatedAt()));
                });
    }

    public void update(SlaDefinition d) {
        write(
                "UPDATE sla_definition SET name = ?, provider = ?, model_pattern = ?, target_p50_ms = ?,"
                        + " target_p95_ms = ?, target_p99_ms = ?, target_error_rate = ?, target_availability = ?,"
                        + " evaluation_window_minutes = ?, updated_at = ? WHERE id = ?",
                s -> {
                    bindDefinition(s, d, 1);
                    s.setTimestamp(10, Timestamp.from(d.updatedAt()));
                    s.setString(11, d.id());
                });
    }

    public boolean delete(String id) {
        return write("DELETE FROM sla_definition WHERE id = ?", s -> s.setString(1, id)) > 0;
    }

    public Optional<SlaDefinition> definition(String id) {
        return read(
                        "SELECT " + DEFINITION_COLUMNS + " FROM sla_definition WHERE id = ?",
                        s -> s.setString(1, id),
                        SlaStore::definition)
                .stream()
                .findFirst();
    }

    public List<SlaDefinition> definitions() {
        return read(
                "SELECT " + DEFINITION_COLUMNS + " FROM sla_definition ORDER BY name, id",
                s -> {},
                SlaStore::definition);
    }

    private static void bindDefinition(PreparedStatement s, SlaDefinition d, int i) throws SQLException {
        s.setString(i, d.name());
        s.setString(i + 1, d.provider());
        s.setString(i + 2, d.modelPattern());
        s.setObject(i + 3, d.targetP50Ms(), Types.INTEGER);
        s.setObject(i + 4, d.targetP95Ms(), Types.INTEGER);
        s.setObject(i + 5, d.targetP99Ms(), Types.INTEGER);
        s.setObject(i + 6, d.targetErrorRate(), Types.DOUBLE);
        s.setObject(i + 7, d.targetAvailability(), Types.DOUBLE);
        s.setInt(i + 8, d.windowMinutes());
    }

    private static SlaDefinition definition(ResultSet r) throws SQLException {
        return new SlaDefinition(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getObject(5, Integer.class),
                r.getObject(6, Integer.class),
                r.getObject(7, Integer.class),
                r.getObject(8) == null ? null : r.getDouble(8),
                r.getObject(9) == null ? null : r.getDouble(9),
                r.getInt(10),
                r.getTimestamp(11).toInstant(),
                r.getTimestamp(12).toInstant());
    }

    // ---- health

    /** One {@code health_5min} row, histograms parsed. */
    public record Bucket(
            Instant start,
            String provider,
            String model,
            long requests,
            long server,
            long timeout,
            long connection,
            long client,
            Map<Integer, Long> latency,
            Map<Integer, Long> ttft,
            long totalTokens) {}

    /** The buckets starting in {@code [from, to)}, optionally of one provider and/or model, oldest first. */
    public List<Bucket> buckets(Instant from, Instant to, String provider, String model) {
        StringBuilder sql = new StringBuilder(
                "SELECT bucket_start, provider, model, requests, errors_server, errors_timeout, errors_connection,"
                        + " errors_client, latency_hist::text, ttft_hist::text, total_tokens FROM health_5min"
                        + " WHERE bucket_start >= ? AND bucket_start < ?");
        if (provider != null) {
            sql.append(" AND provider = ?");
        }
        if (model != null) {
            sql.append(" AND model = ?");
        }
        sql.append(" ORDER BY provider, model, bucket_start");
        return read(
                sql.toString(),
                s -> {
                    s.setTimestamp(1, Timestamp.from(from));
                    s.setTimestamp(2, Timestamp.from(to));
                    int i = 3;
                    if (provider != null) {
                        s.setString(i++, provider);
                    }
                    if (model != null) {
                        s.setString(i, model);
                    }
                },
                r -> new Bucket(
                        r.getTimestamp(1).toInstant(),
                        r.getString(2),
                        r.getString(3),
                        r.getLong(4),
                        r.getLong(5),
                        r.getLong(6),
                        r.getLong(7),
                        r.getLong(8),
                        hist(r.getString(9)),
                        hist(r.getString(10)),
                        r.getLong(11)));
    }

    /**
     * The health over {@code [from, to)} of each provider and model (or of one model's deployments on every
     * provider together, when {@code model} is set: one 5-minute bucket's counts are summed across the providers
     * before the bucket is judged up or down), folded row by row as the rows arrive: the histograms are
     * parsed straight into the sums (the collector reads a day of buckets for every model in one run, and no
     * target reads time to first token: {@code ttft} false skips those histograms).
     */
    public List<SlaHealth> health(Instant from, Instant to, String model, boolean ttft) {
        Map<String, SlaHealth> byModel = new java.util.LinkedHashMap<>();
        tx.executeRead(status -> {
            try (PreparedStatement s = status.getConnection()
                    .prepareStatement("SELECT provider, model, requests, errors_server, errors_timeout,"
                            + " errors_connection, errors_client, latency_hist::text, "
                            + (ttft ? "ttft_hist::text" : "NULL") + ", total_tokens, bucket_start FROM health_5min"
                            + " WHERE bucket_start >= ? AND bucket_start < ?"
                            + (model == null
                                    ? " ORDER BY provider, model, bucket_start"
                                    : " AND model = ? ORDER BY bucket_start"))) {
                s.setTimestamp(1, Timestamp.from(from));
                s.setTimestamp(2, Timestamp.from(to));
                if (model != null) {
                    s.setString(3, model);
                }
                s.setFetchSize(1_000);
                try (ResultSet r = s.executeQuery()) {
                    // with model set, one bucket's rows (one per provider) arrive together: summed, added once
                    long[] pending = new long[5];
                    Timestamp pendingBucket = null;
                    SlaHealth h = null;
                    while (r.next()) {
                        String provider = model == null ? r.getString(1) : "*";
                        String name = r.getString(2);
                        h = byModel.computeIfAbsent(provider + "\u0000" + name, k -> new SlaHealth(provider, name));
                        if (model == null) {
                            h.add(r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6), r.getLong(7));
                        } else {
                            Timestamp bucket = r.getTimestamp(11);
                            if (pendingBucket != null && !pendingBucket.equals(bucket)) {
                                h.add(pending[0], pending[1], pending[2], pending[3], pending[4]);
                                java.util.Arrays.fill(pending, 0);
                            }
                            pendingBucket = bucket;
                            for (int i = 0; i < 5; i++) {
                                pending[i] += r.getLong(3 + i);
                            }
                        }
                        h.totalTokens += r.getLong(10);
                        h.latency.addJson(r.getString(8));
                        if (ttft) {
                            h.ttft.addJson(r.getString(9));
                        }
                    }
                    if (pendingBucket != null) {
                        h.add(pending[0], pending[1], pending[2], pending[3], pending[4]);
                    }
                }
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return new ArrayList<>(byModel.values());
    }

    /** The open violations, by definition, metric, provider and model ({@link #openKey}). */
    public Map<String, Violation> openByKey() {
        Map<String, Violation> open = new java.util.HashMap<>();
        for (Violation v : active()) {
            open.put(openKey(v.definitionId(), v.metric(), v.provider(), v.model()), v);
        }
        return open;
    }

    static String openKey(String definitionId, String metric, String provider, String model) {
        return definitionId + "\u0000" + metric + "\u0000" + provider + "\u0000" + model;
    }

    static void fold(SlaHealth h, Bucket b) {
        h.add(b.requests(), b.server(), b.timeout(), b.connection(), b.client());
        h.totalTokens += b.totalTokens();
        h.latency.addAll(b.latency());
        h.ttft.addAll(b.ttft());
    }

    private static Map<Integer, Long> hist(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, HIST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- violations

    /** One {@code sla_violation} row with its definition's name. */
    public record Violation(
            String id,
            String definitionId,
            String definitionName,
            String metric,
            String provider,
            String model,
            double observed,
            double target,
            Instant openedAt,
            Instant lastBreachedAt,
            Instant resolvedAt,
            String resolvedBy,
            Double resolvedObserved) {}

    /**
     * Opens a violation unless one is open for the same definition, metric, provider and model (the
     * partial unique index decides, so two collectors at once still open one); true when it opened.
     */
    public boolean openViolation(Violation v) {
        return write(
                        "INSERT INTO sla_violation (id, definition_id, metric, provider, model, observed, target,"
                                + " opened_at, last_breached_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (definition_id, metric, provider, model) WHERE resolved_at IS NULL"
                                + " DO NOTHING",
                        s -> {
                            s.setString(1, v.id());
                            s.setString(2, v.definitionId());
                            s.setString(3, v.metric());
                            s.setString(4, v.provider());
                            s.setString(5, v.model());
                            s.setDouble(6, v.observed());
                            s.setDouble(7, v.target());
                            s.setTimestamp(8, Timestamp.from(v.openedAt()));
                            s.setTimestamp(9, Timestamp.from(v.lastBreachedAt()));
                        })
                > 0;
    }

    /** Records that an open violation is still breached (the window ending at {@code at}). */
    public void stillBreached(String id, Instant at, double observed) {
        write("UPDATE sla_violation SET last_breached_at = ?, observed = ? WHERE id = ? AND resolved_at IS NULL", s -> {
            s.setTimestamp(1, Timestamp.from(at));
            s.setDouble(2, observed);
            s.setString(3, id);
        });
    }

    /** Resolves an open violation; false when it was not open. */
    public boolean resolve(String id, Instant at, String by, Double observed) {
        return write(
                        "UPDATE sla_violation SET resolved_at = ?, resolved_by = ?, resolved_observed = ?"
                                + " WHERE id = ? AND resolved_at IS NULL",
                        s -> {
                            s.setTimestamp(1, Timestamp.from(at));
                            s.setString(2, by);
                            s.setObject(3, observed, Types.DOUBLE);
                            s.setString(4, id);
                        })
                > 0;
    }

    public Optional<Violation> violation(String id) {
        return violations(" WHERE v.id = ?", s -> s.setString(1, id)).stream().findFirst();
    }

    public List<Violation> active() {
        return violations(" WHERE v.resolved_at IS NULL ORDER BY v.opened_at DESC, v.id", s -> {});
    }

    /** Violations open at some time in {@code [from, to)}. */
    public List<Violation> between(Instant from, Instant to) {
        return violations(
                " WHERE v.opened_at < ? AND (v.resolved_at IS NULL OR v.resolved_at >= ?) ORDER BY v.opened_at DESC, v.id",
                s -> {
                    s.setTimestamp(1, Timestamp.from(to));
                    s.setTimestamp(2, Timestamp.from(from));
                });
    }

    private List<Violation> violations(String where, Binder binder) {
        return read(
                "SELECT " + VIOLATION_COLUMNS + " FROM sla_violation v JOIN sla_definition d ON d.id = v.definition_id"
                        + where,
                binder,
                r -> new Violation(
                        r.getString(1),
                        r.getString(2),
                        r.getString(3),
                        r.getString(4),
                        r.getString(5),
                        r.getString(6),
                        r.getDouble(7),
                        r.getDouble(8),
                        r.getTimestamp(9).toInstant(),
                        r.getTimestamp(10).toInstant(),
                        r.getTimestamp(11) == null ? null : r.getTimestamp(11).toInstant(),
                        r.getString(12),
                        r.getObject(13) == null ? null : r.getDouble(13)));
    }

    // ---- plumbing

    private int write(String sql, Binder binder) {
        return Statements.write(tx, sql, binder);
    }

    private <T> List<T> read(String sql, Binder binder, RowMapper<T> mapper) {
        return Statements.read(tx, sql, binder, mapper);
    }
}
