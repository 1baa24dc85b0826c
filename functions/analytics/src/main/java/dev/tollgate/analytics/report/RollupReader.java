package dev.tollgate.analytics.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Reads the daily rollups, grouped; reports are built on this and never read the spend logs. */
public interface RollupReader {

    /** The groups of {@code query}, ordered by their dimensions. */
    List<RollupRow> query(RollupQuery query);

    /**
     * Runs {@code work} on one snapshot of the rollups: every read inside sees the same committed data (a report
     * written in several reads, such as an export read day by day, adds up as one read would).
     */
    <T> T consistently(java.util.function.Supplier<T> work);

    /** What the response cache saved over a range of days: its hits and the cost their upstream calls would have had. */
    CacheSavings cacheSavings(LocalDate from, LocalDate to);

    /** @param savedCost USD the cached answers would have cost upstream; exact */
    record CacheSavings(long hits, BigDecimal savedCost) {}
}
