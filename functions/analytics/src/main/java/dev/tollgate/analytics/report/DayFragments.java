package dev.tollgate.analytics.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Each day's part of a day-grouped report, kept compressed ({@link Deflated}) and used only while the day's rollups
 * are unchanged: every transaction that changes a day's rollups (a fold, a rebuild) moves the day's version on, and a
 * fragment counts only while it carries the day's current version. A stale fragment is never served.
 */
public interface DayFragments {

    /**
     * A day that has rollups.
     *
     * @param version the day's version
     * @param stored  the fragment of the asked kind built from that version, or null (none, or built from another)
     */
    record Day(LocalDate day, long version, Deflated stored) {}

    /** A fragment built from a day's rollups as they were at {@code version}. */
    record Built(LocalDate day, long version, Deflated fragment) {}

    /** The days {@code from..to} (inclusive) that have rollups, in order; call inside {@link RollupReader#consistently}, so that the days and the rollup reads that build their fragments see the same data. */
    List<Day> days(String kind, LocalDate from, LocalDate to);

    /** Keeps these fragments, unless one of a newer version is already kept for the day. */
    void store(String kind, List<Built> built);
}
