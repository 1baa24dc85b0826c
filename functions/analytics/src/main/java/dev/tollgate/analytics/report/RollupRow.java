package dev.tollgate.analytics.report;

import java.util.Map;

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
}
