package dev.tollgate.analytics.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Reads the daily rollups, grouped; reports are built on this and never read the spend logs. */
public interface RollupReader {

    /** The groups of {@code query}, ordered by their dimensions. */
    List<RollupRow> query(RollupQuery query);

    /** What the response cache saved over a range of days: its hits and the cost their upstream calls would have had. */
    CacheSavings cacheSavings(LocalDate from, LocalDate to);

    /** @param savedCost USD the cached answers would have cost upstream; exact */
    record CacheSavings(long hits, BigDecimal savedCost) {}
}
