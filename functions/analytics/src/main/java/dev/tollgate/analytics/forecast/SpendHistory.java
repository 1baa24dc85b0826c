package dev.tollgate.analytics.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Daily spend per scope, read from the rollups ({@link JdbcSpendHistory}). */
public interface SpendHistory {

    /** Spend per day {@code from..to} (inclusive, budget time zone); days without spend are absent. */
    Map<LocalDate, BigDecimal> daily(ScopeType type, String id, LocalDate from, LocalDate to);

    /** Every team with spend in {@code from..to} (not the calls without a team). */
    List<String> teams(LocalDate from, LocalDate to);

    /** The team a user's or key's spend went to most since {@code from}; {@code ""} for other scopes or none. */
    String teamOf(ScopeType type, String id, LocalDate from);
}
