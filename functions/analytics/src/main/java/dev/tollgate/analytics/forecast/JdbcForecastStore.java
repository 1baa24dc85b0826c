package dev.tollgate.analytics.forecast;

import dev.tollgate.analytics.jdbc.Statements;
import dev.tollgate.gateway.budget.BudgetWindow;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link ForecastStore} on the {@code forecast} and {@code forecast_day} tables (V11, V14). */
public final class JdbcForecastStore implements ForecastStore {
    private static final String COLUMNS = "scope_type, scope_id, team_id, horizon, run_day, period_start,"
            + " period_end, actual_to_date, forecasted_cost, confidence_low, confidence_high, confidence_low_95,"
            + " confidence_high_95, method, history_days, budget, projected_exhaustion_date,"
            + " probability_over_budget, backtest_mape, interval_coverage, generated_at, budget_duration";

    /** In {@link #latest}'s rows: the column of the day's date, after id and the 22 {@link #COLUMNS}. */
    private static final int DAY = 24;

    private final TransactionOperations<Connection> tx;

    public JdbcForecastStore(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    @Override
    public void save(List<Forecast> forecasts) {
        tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM forecast WHERE scope_type = ? AND scope_id = ? AND horizon = ?"
                                    + " AND budget_duration = ? AND run_day = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO forecast (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                    + " ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
                    PreparedStatement day = c.prepareStatement("INSERT INTO forecast_day (forecast_id, day, actual,"
                            + " forecast, low, high) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Forecast f : forecasts) {
                    delete.setString(1, f.scopeType().code());
                    delete.setString(2, f.scopeId());
                    delete.setString(3, f.horizon().code());
                    delete.setString(4, f.window().code());
                    delete.setDate(5, Date.valueOf(f.runDay()));
                    delete.executeUpdate();
                    bind(insert, f);
                    long id;
                    try (ResultSet r = insert.executeQuery()) {
                        r.next();
                        id = r.getLong(1);
                    }
                    for (Forecast.Day d : f.daily()) {
                        day.setLong(1, id);
                        day.setDate(2, Date.valueOf(d.date()));
                        day.setBigDecimal(3, d.actual());
                        day.setBigDecimal(4, d.forecast());
                        day.setBigDecimal(5, d.low());
                        day.setBigDecimal(6, d.high());
                        day.addBatch();
                    }
                    day.executeBatch();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("forecasts not stored", e);
            }
            return null;
        });
    }

    /**
     * One statement: the latest forecast of each scope, horizon and window (DISTINCT ON) joined to its days, one
     * row per day (a forecast without days gives one row of nulls); the rows come grouped by forecast, in the
     * scope order, and are folded here. It used to be one more statement per forecast for its days.
     */
    @Override
    public List<Forecast> latest(ScopeType type, String scopeId, String teamId) {
        String sql = "WITH latest AS (SELECT DISTINCT ON (scope_type, scope_id, horizon, budget_duration) id, "
                + COLUMNS
                + " FROM forecast WHERE"
                + " (?::text IS NULL OR scope_type = ?) AND (?::text IS NULL OR scope_id = ?)"
                + " AND (?::text IS NULL OR team_id = ?)"
                + " ORDER BY scope_type, scope_id, horizon, budget_duration, run_day DESC)"
                + " SELECT l.*, d.day, d.actual, d.forecast, d.low, d.high"
                + " FROM latest l LEFT JOIN forecast_day d ON d.forecast_id = l.id"
                + " ORDER BY l.scope_type, l.scope_id, l.horizon, l.budget_duration, d.day";
        return tx.executeRead(status -> {
            Connection c = status.getConnection();
            Map<Long, Forecast> found = new LinkedHashMap<>();
            Map<Long, List<Forecast.Day>> days = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                String t = type == null ? null : type.code();
                s.setString(1, t);
                s.setString(2, t);
                s.setString(3, scopeId);
                s.setString(4, scopeId);
                s.setString(5, teamId);
                s.setString(6, teamId);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long id = r.getLong(1);
                        if (!found.containsKey(id)) {
                            found.put(id, forecast(r));
                            days.put(id, new ArrayList<>());
                        }
                        Date day = r.getDate(DAY);
                        if (day != null) {
                            days.get(id)
                                    .add(new Forecast.Day(
                                            day.toLocalDate(),
                                            r.getBigDecimal(DAY + 1),
                                            r.getBigDecimal(DAY + 2),
                                            r.getBigDecimal(DAY + 3),
                                            r.getBigDecimal(DAY + 4)));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("forecasts not read", e);
            }
            List<Forecast> out = new ArrayList<>(found.size());
            found.forEach((id, f) -> out.add(f.withDaily(days.get(id))));
            return out;
        });
    }

    @Override
    public List<Forecast.HistoryPoint> history(ScopeType type, String scopeId, LocalDate from, LocalDate to) {
        String sql = "SELECT DISTINCT ON (d.day) d.day, d.forecast, d.low, d.high, f.generated_at"
                + " FROM forecast_day d JOIN forecast f ON f.id = d.forecast_id"
                + " WHERE f.scope_type = ? AND f.scope_id = ? AND d.day BETWEEN ? AND ? AND d.forecast IS NOT NULL"
                + " ORDER BY d.day, f.run_day DESC, f.generated_at DESC";
        return Statements.read(
                tx,
                sql,
                s -> {
                    s.setString(1, type.code());
                    s.setString(2, scopeId);
                    s.setDate(3, Date.valueOf(from));
                    s.setDate(4, Date.valueOf(to));
                },
                r -> new Forecast.HistoryPoint(
                        r.getDate(1).toLocalDate(),
                        r.getBigDecimal(2),
                        r.getBigDecimal(3),
                        r.getBigDecimal(4),
                        null,
                        r.getTimestamp(5).toInstant()));
    }

    private static void bind(PreparedStatement s, Forecast f) throws SQLException {
        s.setString(1, f.scopeType().code());
        s.setString(2, f.scopeId());
        s.setString(3, f.teamId());
        s.setString(4, f.horizon().code());
        s.setDate(5, Date.valueOf(f.runDay()));
        s.setDate(6, Date.valueOf(f.periodStart()));
        s.setDate(7, Date.valueOf(f.periodEnd()));
        s.setBigDecimal(8, f.actualToDate());
        s.setBigDecimal(9, f.forecastedCost());
        s.setBigDecimal(10, f.confidenceLow());
        s.setBigDecimal(11, f.confidenceHigh());
        s.setBigDecimal(12, f.confidenceLow95());
        s.setBigDecimal(13, f.confidenceHigh95());
        s.setString(14, f.method());
        s.setInt(15, f.historyDays());
        s.setBigDecimal(16, f.budget());
        if (f.projectedExhaustionDate() == null) {
            s.setNull(17, Types.DATE);
        } else {
            s.setDate(17, Date.valueOf(f.projectedExhaustionDate()));
        }
        s.setBigDecimal(18, f.probabilityOverBudget());
        s.setBigDecimal(19, f.backtestMape());
        s.setBigDecimal(20, f.intervalCoverage());
        s.setTimestamp(21, Timestamp.from(f.generatedAt()));
        s.setString(22, f.window().code());
    }

    private static Forecast forecast(ResultSet r) throws SQLException {
        Date exhaustion = r.getDate(18);
        return new Forecast(
                ScopeType.parse(r.getString(2)),
                r.getString(3),
                r.getString(4),
                Forecast.Horizon.fromCode(r.getString(5)),
                r.getDate(6).toLocalDate(),
                r.getDate(7).toLocalDate(),
                r.getDate(8).toLocalDate(),
                r.getBigDecimal(9),
                r.getBigDecimal(10),
                r.getBigDecimal(11),
                r.getBigDecimal(12),
                r.getBigDecimal(13),
                r.getBigDecimal(14),
                r.getString(15),
                r.getInt(16),
                r.getBigDecimal(17),
                exhaustion == null ? null : exhaustion.toLocalDate(),
                r.getBigDecimal(19),
                r.getBigDecimal(20),
                r.getBigDecimal(21),
                r.getTimestamp(22).toInstant(),
                List.of(),
                BudgetWindow.parse(r.getString(23)));
    }
}
