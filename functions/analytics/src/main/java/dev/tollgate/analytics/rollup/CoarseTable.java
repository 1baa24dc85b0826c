package dev.tollgate.analytics.rollup;

import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The narrow rollups (V8, and the daily team and member tables of V18), each read by one kind of report so
 * it scans hundreds or thousands of rows instead of one per user, model and day. Every call counts once in
 * each; they are folded in the same transaction as {@code rollup_daily} and have the same measures as
 * {@code rollup_user_daily}.
 */
public enum CoarseTable {
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
