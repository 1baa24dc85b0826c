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
 * The month close in-process ({@code ./tollgate local} sets {@code tollgate.month-close.in-process}): daily, the same
 * {@link MonthClose#close()} as the AWS job (one rule: the previous month on days 1 to
 * {@value MonthClose#CATCH_UP_DAYS}, when it has spend and no closed report). A failed run is retried after 1, 2, 4,
 * … minutes, {@link #ATTEMPTS} attempts in all (about four hours), each applying the rule again (so a retry that
 * finds the draft written keeps it and only sends its alert); after that the next daily run catches up, until the
 * 7th. Retrying is safe: see {@link MonthClose#close(YearMonth)}.
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
        attempt(1);
    }

    /**
     * Runs the month close; on failure schedules attempt {@code n + 1}, twice as late as the last. Any exception
     * counts: a JDBC error leaves the transaction callbacks as a (checked) {@code SQLException}.
     */
    void attempt(int n) {
        try {
            LOG.info("month close: {}", monthClose.close());
        } catch (Exception e) {
            if (n >= ATTEMPTS) {
                LOG.error(
                        "month close failed {} times; giving up until the next daily run (it catches up until day {}"
                                + " of the month; POST /api/v1/chargeback/reports/generate with the period generates"
                                + " the draft now)",
                        n,
                        MonthClose.CATCH_UP_DAYS,
                        e);
                return;
            }
            Duration delay = FIRST_RETRY.multipliedBy(1L << (n - 1));
            LOG.warn("month close failed (attempt {} of {}); retrying in {}", n, ATTEMPTS, delay, e);
            later.run(delay, () -> attempt(n + 1));
        }
    }
}
