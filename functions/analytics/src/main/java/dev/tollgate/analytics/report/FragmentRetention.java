package dev.tollgate.analytics.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Keeps the stored report fragments ({@code report_fragment}) from growing without end: deletes those of days older
 * than the retention ({@code tollgate.reports.fragment-retention-days}, 400 by default: a year's reports and a
 * margin) and those that can no longer be served. They are a cache; a request for such a day builds it again. Run
 * daily: the jobs function's {@code {"job": "prune-report-fragments"}} on AWS, {@link FragmentRetentionSchedule}
 * under {@code ./tollgate local}.
 */
public final class FragmentRetention {
    private final DayFragments fragments;
    private final int retentionDays;
    private final Clock clock;
    private final ZoneId zone;

    public FragmentRetention(DayFragments fragments, int retentionDays, Clock clock, ZoneId zone) {
        if (retentionDays < 1) {
            throw new IllegalStateException(
                    "tollgate.reports.fragment-retention-days must be at least 1: " + retentionDays);
        }
        this.fragments = fragments;
        this.retentionDays = retentionDays;
        this.clock = clock;
        this.zone = zone;
    }

    /** What a prune did: the first day kept, and the fragments deleted. */
    public record Pruned(LocalDate keptFrom, int deleted) {}

    public Pruned prune() {
        LocalDate keptFrom = keptFrom();
        return new Pruned(keptFrom, fragments.prune(keptFrom));
    }

    /** The first day whose fragments are kept today: a warm-up builds none before it. */
    public LocalDate keptFrom() {
        return LocalDate.now(clock.withZone(zone)).minusDays(retentionDays - 1L);
    }
}
