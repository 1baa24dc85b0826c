package dev.tollgate.analytics.report;

import java.util.List;

/** Reads the daily rollups, grouped; reports are built on this and never read the spend logs. */
public interface RollupReader {

    /** The groups of {@code query}, ordered by their dimensions. */
    List<RollupRow> query(RollupQuery query);
}
