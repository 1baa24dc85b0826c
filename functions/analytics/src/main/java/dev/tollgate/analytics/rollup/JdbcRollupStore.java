package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import io.micronaut.transaction.TransactionOperations;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@link RollupStore} on PostgreSQL. A fold is one transaction: claim the object key
 * ({@link RollupSql#CLAIM_OBJECT}, nothing else happens when it was claimed before), then the
 * batched upserts of the daily, coarse ({@link CoarseTable}, in declaration order) and health rows (summed in memory
 * first, so one statement never touches a row twice), and last the version of each day it changed
 * ({@link RollupSql#BUMP_DAY_VERSION}). A rebuild of a day ({@link #replaceDay}) deletes the day's rows of every daily
 * table, writes the day's lines, then recomputes the day's month of every monthly coarse table from
 * {@code rollup_user_daily}.
 */
public final class JdbcRollupStore implements RollupStore {
    private final TransactionOperations<Connection> tx;
    private final ZoneId zone;

    public JdbcRollupStore(TransactionOperations<Connection> tx, ZoneId zone) {
        this.tx = tx;
        this.zone = zone;
    }

    @Override
    public boolean fold(String objectKey, List<SpendLogRecord> records) {
        RollupFold fold = new RollupFold(zone).addAll(records);
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            if (!claim(c, objectKey, records)) {
                return false;
            }
            upsert(c, fold, true);
            bumpVersions(c, fold.days());
            return true;
        });
    }

    @Override
    public int replaceDay(LocalDate day, List<SpendLogRecord> records, List<String> completeObjects) {
        RollupFold fold = new RollupFold(zone);
        records.stream().filter(r -> fold.day(r).equals(day)).forEach(fold::add);
        int onDay = (int) records.stream().filter(r -> fold.day(r).equals(day)).count();
        return tx.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement daily = c.prepareStatement(RollupSql.DELETE_DAY)) {
                daily.setObject(1, day);
                daily.executeUpdate();
            }
            for (CoarseTable t : CoarseTable.values()) {
                if (!t.monthly()) {
                    try (PreparedStatement coarse = c.prepareStatement(CoarseSql.deletePeriod(t))) {
                        coarse.setObject(1, day);
                        coarse.executeUpdate();
                    }
                }
            }
            try (PreparedStatement health = c.prepareStatement(RollupSql.DELETE_HEALTH_RANGE)) {
                health.setTimestamp(1, Timestamp.from(day.atStartOfDay(zone).toInstant()));
                health.setTimestamp(
                        2, Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()));
                health.executeUpdate();
            }
            upsert(c, fold, false);
            // every daily table now holds the day: each monthly table's month is summed again from rollup_user_daily
            LocalDate month = day.withDayOfMonth(1);
            for (CoarseTable t : CoarseTable.values()) {
                if (t.monthly()) {
                    try (PreparedStatement delete = c.prepareStatement(CoarseSql.deletePeriod(t));
                            PreparedStatement recompute = c.prepareStatement(CoarseSql.recomputeMonth(t))) {
                        delete.setObject(1, month);
                        delete.executeUpdate();
                        recompute.setObject(1, month);
                        recompute.setObject(2, month);
                        recompute.setObject(3, month.plusMonths(1));
                        recompute.executeUpdate();
                    }
                }
            }
            try (PreparedStatement claim = c.prepareStatement(RollupSql.CLAIM_OBJECT)) {
                for (String key : completeObjects) {
                    claim.setString(1, key);
                    claim.setInt(2, 0);
                    claim.setBigDecimal(3, BigDecimal.ZERO);
                    claim.addBatch();
                }
                claim.executeBatch();
            }
            bumpVersions(c, java.util.Set.of(day));
            return onDay;
        });
    }

    private static boolean claim(Connection c, String key, List<SpendLogRecord> records) throws SQLException {
        try (PreparedStatement claim = c.prepareStatement(RollupSql.CLAIM_OBJECT)) {
            claim.setString(1, key);
            claim.setInt(2, records.size());
            claim.setBigDecimal(3, records.stream().map(SpendLogRecord::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
            return claim.executeUpdate() == 1;
        }
    }

    /** Last, so the day rows stay locked for as short a time as possible (two folds of one day wait here). */
    private static void bumpVersions(Connection c, java.util.Set<LocalDate> days) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement(RollupSql.BUMP_DAY_VERSION)) {
            for (LocalDate day : days) {
                bump.setObject(1, day);
                bump.addBatch();
            }
            bump.executeBatch();
        }
    }

    /** @param monthly also add to the monthly rows (a rebuild recomputes the month from the days instead) */
    private static void upsert(Connection c, RollupFold fold, boolean monthly) throws SQLException {
        try (PreparedStatement daily = c.prepareStatement(RollupSql.UPSERT_DAILY)) {
            for (Map.Entry<DailyKey, DailyTotals> e : fold.daily().entrySet()) {
                RollupSql.bindDaily(daily, e.getKey(), e.getValue());
                daily.addBatch();
            }
            daily.executeBatch();
        }
        for (CoarseTable t : CoarseTable.values()) {
            if (t.monthly() && !monthly) {
                continue;
            }
            try (PreparedStatement rows = c.prepareStatement(CoarseSql.upsert(t))) {
                for (Map.Entry<CoarseTable.CoarseKey, DailyTotals> e :
                        fold.coarse(t).entrySet()) {
                    CoarseSql.bind(rows, e.getKey(), e.getValue());
                    rows.addBatch();
                }
                rows.executeBatch();
            }
        }
        try (PreparedStatement health = c.prepareStatement(RollupSql.UPSERT_HEALTH)) {
            for (Map.Entry<HealthKey, HealthTotals> e : fold.health().entrySet()) {
                RollupSql.bindHealth(health, e.getKey(), e.getValue());
                health.addBatch();
            }
            health.executeBatch();
        }
    }
}
