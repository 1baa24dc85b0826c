package dev.tollgate.analytics.chargeback;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.YearMonth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The month close in-process ({@code ./tollgate local} sets {@code tollgate.month-close.in-process}): daily,
 * acting on the first day of a month; on AWS an EventBridge schedule sends {@code {"job": "month-close"}} (and
 * Lambda retries a failed asynchronous invocation). Here a failed close is retried for the same month after 1, 2,
 * 4, … minutes, {@link #ATTEMPTS} attempts in all (about four hours): the next daily run is on the 2nd, when no
 * month is due, so without this a close that failed on the 1st would never happen. Retrying is safe: see
 * {@link MonthClose#close(YearMonth)}.
 */
@Singleton
@Requires(beans = MonthClose.class)
@Requires(property = "tollgate.month-close.in-process", value = "true")
public class MonthCloseSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(MonthCloseSchedule.class);

    /** Attempts of one month's close, the first included. */
    static final int ATTEMPTS = 9;

    static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    /** Runs {@code work} once after {@code delay}. */
    @FunctionalInterface
    interface Later {
        void run(Duration delay, Runnable work);
    }

    private final MonthClose monthClose;
    private final Later later;

    @Inject
    public MonthCloseSchedule(MonthClose monthClose, @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this(monthClose, (delay, work) -> scheduler.schedule(delay, work));
    }

    MonthCloseSchedule(MonthClose monthClose, Later later) {
        this.monthClose = monthClose;
        this.later = later;
    }

    @Scheduled(cron = "${tollgate.month-close.cron:0 0 1 * * *}")
    void run() {
        YearMonth due;
        try {
            due = monthClose.due();
        } catch (RuntimeException e) {
            LOG.warn("month close failed", e);
            return;
        }
        if (due != null) {
            attempt(due, 1);
        }
    }

    /**
     * Closes {@code month}; on failure schedules attempt {@code n + 1}, twice as late as the last. Any exception
     * counts: a JDBC error leaves the transaction callbacks as a (checked) {@code SQLException}.
     */
    void attempt(YearMonth month, int n) {
        try {
            LOG.info("month close: {}", monthClose.close(month));
        } catch (Exception e) {
            if (n >= ATTEMPTS) {
                LOG.error(
                        "month close of {} failed {} times; giving up (POST /api/v1/chargeback/reports/generate"
                                + " with its period generates the draft)",
                        month,
                        n,
                        e);
                return;
            }
            Duration delay = FIRST_RETRY.multipliedBy(1L << (n - 1));
            LOG.warn("month close of {} failed (attempt {} of {}); retrying in {}", month, n, ATTEMPTS, delay, e);
            later.run(delay, () -> attempt(month, n + 1));
        }
    }
}
