package dev.tollgate.analytics.report;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report fragments' retention in-process, daily ({@code ./tollgate local} sets
 * {@code tollgate.reports.retention.in-process}); on AWS an EventBridge schedule sends
 * {@code {"job": "prune-report-fragments"}} to the analytics jobs function.
 */
@Singleton
@Requires(beans = FragmentRetention.class)
@Requires(property = "tollgate.reports.retention.in-process", value = "true")
public class FragmentRetentionSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(FragmentRetentionSchedule.class);
    private final FragmentRetention retention;

    public FragmentRetentionSchedule(FragmentRetention retention) {
        this.retention = retention;
    }

    @Scheduled(cron = "${tollgate.reports.retention.cron:0 15 1 * * *}")
    void run() {
        try {
            LOG.info("report fragments: {}", retention.prune());
        } catch (RuntimeException e) {
            LOG.warn("pruning the report fragments failed; the next run retries", e);
        }
    }
}
