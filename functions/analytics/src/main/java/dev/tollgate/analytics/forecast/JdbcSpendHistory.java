package dev.tollgate.analytics.forecast;

import dev.tollgate.analytics.jdbc.Statements;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link SpendHistory} over the rollups: teams, users and the whole gateway from {@code rollup_user_daily}
 * (each call once); keys and customers from the {@code tag = '*'} rows of {@code rollup_daily}; a tag from
 * its own rows (a call with several tags counts in each, as every tag report does); a key's or team's
 * per-model budget from the {@code tag = '*'} rows of that requested model.
 */
public final class JdbcSpendHistory implements SpendHistory {
    private final TransactionOperations<Connection> tx;

    public JdbcSpendHistory(TransactionOperations<Connection> tx) {
        this.tx = tx;
    }

    @Override
    public Map<LocalDate, BigDecimal> daily(ScopeType type, String id, LocalDate from, LocalDate to) {
        String where = switch (type) {
            case TEAM -> "rollup_user_daily WHERE team_id = ? AND";
            case USER -> "rollup_user_daily WHERE user_id = ? AND";
            case GLOBAL -> "rollup_user_daily WHERE";
            case KEY -> "rollup_daily WHERE tag = '*' AND key_hash = ? AND";
            case CUSTOMER -> "rollup_daily WHERE tag = '*' AND end_user = ? AND";
            case TAG -> "rollup_daily WHERE tag = ? AND";
            case KEY_MODEL -> "rollup_daily WHERE tag = '*' AND key_hash = ? AND requested_model = ? AND";
            case TEAM_MODEL -> "rollup_daily WHERE tag = '*' AND team_id = ? AND requested_model = ? AND";
        };
        String sql = "SELECT day, sum(cost) FROM " + where + " day BETWEEN ? AND ? GROUP BY day";
        Map<LocalDate, BigDecimal> out = new TreeMap<>();
        Statements.read(
                        tx,
                        sql,
                        s -> {
                            int i = 1;
                            if (type == ScopeType.KEY_MODEL || type == ScopeType.TEAM_MODEL) {
                                String[] ownerAndModel = ownerAndModel(id);
                                s.setString(i++, ownerAndModel[0]);
                                s.setString(i++, ownerAndModel[1]);
                            } else if (type != ScopeType.GLOBAL) {
                                s.setString(i++, id);
                            }
                            s.setDate(i++, Date.valueOf(from));
                            s.setDate(i, Date.valueOf(to));
                        },
                        r -> Map.entry(r.getDate(1).toLocalDate(), r.getBigDecimal(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    @Override
    public List<String> teams(LocalDate from, LocalDate to) {
        return strings(
                "SELECT DISTINCT team_id FROM rollup_user_daily WHERE team_id <> '' AND day BETWEEN ? AND ?"
                        + " ORDER BY team_id",
                List.of(Date.valueOf(from), Date.valueOf(to)));
    }

    /** {@code <key hash or team id>/<model>}: split at the first slash (model names may contain slashes). */
    static String[] ownerAndModel(String id) {
        int slash = id.indexOf('/');
        return slash < 0 ? new String[] {id, ""} : new String[] {id.substring(0, slash), id.substring(slash + 1)};
    }

    @Override
    public String teamOf(ScopeType type, String id, LocalDate from) {
        if (type == ScopeType.TEAM_MODEL) {
            return ownerAndModel(id)[0];
        }
        if (type == ScopeType.KEY_MODEL) {
            return teamOf(ScopeType.KEY, ownerAndModel(id)[0], from);
        }
        String sql = switch (type) {
            case USER -> "SELECT team_id FROM rollup_user_daily WHERE user_id = ? AND day >= ?";
            case KEY -> "SELECT team_id FROM rollup_daily WHERE tag = '*' AND key_hash = ? AND day >= ?";
            case TEAM -> null;
            default -> "";
        };
        if (sql == null) {
            return id;
        }
        if (sql.isEmpty()) {
            return "";
        }
        List<String> teams = strings(
                sql + " GROUP BY team_id ORDER BY sum(cost) DESC, team_id LIMIT 1", List.of(id, Date.valueOf(from)));
        return teams.isEmpty() ? "" : teams.get(0);
    }

    private List<String> strings(String sql, List<Object> params) {
        return Statements.read(
                tx,
                sql,
                s -> {
                    for (int i = 0; i < params.size(); i++) {
                        s.setObject(i + 1, params.get(i));
                    }
                },
                r -> r.getString(1));
    }
}
