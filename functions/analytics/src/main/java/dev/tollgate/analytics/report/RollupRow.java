package dev.tollgate.analytics.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One group of a rollup query: its dimension values ({@code ""} for none; days as {@code YYYY-MM-DD}),
 * the last key alias seen in it, and its totals.
 */
public record RollupRow(Map<Dim, String> dims, String keyAlias, Totals totals) {

    public String get(Dim dim) {
        return dims.getOrDefault(dim, "");
    }

    /** The value, or null for none. */
    public String orNull(Dim dim) {
        String v = get(dim);
        return v.isEmpty() ? null : v;
    }

    /** Rows grouped by their {@link Dim#DAY}, in day order (ISO dates sort as text). */
    public static Map<String, List<RollupRow>> byDay(List<RollupRow> rows) {
        Map<String, List<RollupRow>> byDay = new TreeMap<>();
        rows.forEach(r ->
                byDay.computeIfAbsent(r.get(Dim.DAY), d -> new ArrayList<>()).add(r));
        return byDay;
    }
}
