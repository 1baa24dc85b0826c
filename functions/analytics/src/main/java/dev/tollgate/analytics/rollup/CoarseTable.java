package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The coarse rollups: every table that counts each call once, in one row per period (day or calendar month) and a
 * set of dimension columns, with the same twelve measures ({@link CoarseSql#MEASURES}). {@code rollup_user_daily}
 * (V3) and {@code rollup_user_monthly} (V4) have the most dimensions; the narrow ones (V8, and the daily team and
 * member tables of V18) are each read by one kind of report so it scans hundreds or thousands of rows instead of
 * one per user, model and day. All are folded in the same transaction as {@code rollup_daily}; their fold and
 * rebuild SQL is generated from this declaration ({@link CoarseSql}).
 *
 * <p>Not here: {@code rollup_daily} counts a call once per tag (and once more in its {@code '*'} row) and keeps
 * more than these measures (the last key alias, cache hits and savings, the input/output cost split), and
 * {@code health_5min} merges histograms; their SQL is in {@link RollupSql}.
 *
 * <p>Declaration order is the order the fold writes them in, and the monthly tables are recomputed on a rebuild from
 * {@link #USER_DAILY}, which must therefore have every column of each monthly table.
 */
public enum CoarseTable {
    /** day × team × user × served model × provider: the reports that need users and models together. */
    USER_DAILY(
            "rollup_user_daily",
            false,
            List.of("team_id", "user_id", "model", "provider"),
            r -> List.of(text(r.teamId()), text(r.userId()), text(r.model()), text(r.provider()))),
    /** month × team × user × served model × provider: {@link #USER_DAILY} over whole calendar months. */
    USER_MONTHLY(
            "rollup_user_monthly",
            true,
            List.of("team_id", "user_id", "model", "provider"),
            r -> List.of(text(r.teamId()), text(r.userId()), text(r.model()), text(r.provider()))),
    /** month × team × served model × provider: the cost report's totals, model and team breakdowns. */
    TEAM_MONTHLY(
            "rollup_team_monthly",
            true,
            List.of("team_id", "model", "provider"),
            r -> List.of(text(r.teamId()), text(r.model()), text(r.provider()))),
    /** month × team × user: the cost report's user breakdown. */
    MEMBER_MONTHLY(
            "rollup_member_monthly",
            true,
            List.of("team_id", "user_id"),
            r -> List.of(text(r.teamId()), text(r.userId()))),
    /** day × team × key × served model: LiteLLM's {@code /global/spend/report?group_by=team}. */
    KEY_DAILY(
            "rollup_key_daily",
            false,
            List.of("team_id", "key_hash", "model"),
            r -> List.of(text(r.teamId()), text(r.keyHash()), text(r.model()))),
    /** day × team × served model × provider: {@link #TEAM_MONTHLY}'s reports over days that are not whole months. */
    TEAM_DAILY(
            "rollup_team_daily",
            false,
            List.of("team_id", "model", "provider"),
            r -> List.of(text(r.teamId()), text(r.model()), text(r.provider()))),
    /** day × team × user: {@link #MEMBER_MONTHLY}'s reports over days that are not whole months. */
    MEMBER_DAILY(
            "rollup_member_daily",
            false,
            List.of("team_id", "user_id"),
            r -> List.of(text(r.teamId()), text(r.userId())));

    private final String table;
    private final boolean monthly;
    private final List<String> columns;
    private final Function<SpendLogRecord, List<String>> dims;

    CoarseTable(String table, boolean monthly, List<String> columns, Function<SpendLogRecord, List<String>> dims) {
        this.table = table;
        this.monthly = monthly;
        this.columns = columns;
        this.dims = dims;
    }

    public String table() {
        return table;
    }

    /** Keyed by calendar month ({@code month}, its first day) rather than by {@code day}. */
    public boolean monthly() {
        return monthly;
    }

    /** The period column: {@code month} or {@code day}. */
    public String period() {
        return monthly ? "month" : "day";
    }

    /** The dimension columns after the period, in key order. */
    public List<String> columns() {
        return columns;
    }

    /** The row a call counts in. */
    public CoarseKey key(SpendLogRecord r, LocalDate day) {
        return new CoarseKey(monthly ? day.withDayOfMonth(1) : day, dims.apply(r));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** A row's key: the period's first day and the dimension values ({@code ""} for none). */
    public record CoarseKey(LocalDate period, List<String> values) {}
}
