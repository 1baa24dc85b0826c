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

    /**
     * The kinds with a fragment kept for any day {@code from..to}, whatever its version: the reports clients have been
     * asking for over those days, which a rebuild of the days warms again ({@code LiteLlmReports#warm}).
     */
    List<String> kinds(LocalDate from, LocalDate to);

    /**
     * Deletes the fragments that can no longer be served (built from a version the day has moved on from) and those
     * of days before {@code before} (the retention); the next request for such a day builds it again.
     *
     * @return the fragments deleted
     */
    int prune(LocalDate before);
}
