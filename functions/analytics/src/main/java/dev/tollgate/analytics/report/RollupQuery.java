package dev.tollgate.analytics.report;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What to read from the daily rollups: days {@code from..to} (inclusive, budget time zone), exact-match
 * filters, and the dimensions to group by. Grouping or filtering by {@link Dim#TAG} reads the tag
 * rows (whose totals overlap when a call has several tags); everything else reads the rows that
 * count each call once. {@code openEnd}: no call is dated after {@code to} (see {@link #throughToday}).
 */
public record RollupQuery(LocalDate from, LocalDate to, Map<Dim, String> filters, List<Dim> groupBy, boolean openEnd) {

    public RollupQuery {
        EnumMap<Dim, String> copy = new EnumMap<>(Dim.class);
        copy.putAll(filters);
        filters = java.util.Collections.unmodifiableMap(copy);
        groupBy = List.copyOf(groupBy);
    }

    public static RollupQuery of(LocalDate from, LocalDate to, Map<Dim, String> filters, Dim... groupBy) {
        return new RollupQuery(from, to, filters, List.of(groupBy), false);
    }

    /**
     * The same query, knowing that no call is dated after {@code to} (it is today or later), so the
     * month of {@code to} may be read from the monthly rollup when the range starts by its first day.
     */
    public RollupQuery throughToday(LocalDate today) {
        return new RollupQuery(from, to, filters, groupBy, !to.isBefore(today));
    }

    public boolean tagRows() {
        return groupBy.contains(Dim.TAG) || filters.containsKey(Dim.TAG);
    }
}
