package dev.tollgate.analytics.chargeback;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The month close in-process ({@code ./tollgate local} sets {@code tollgate.month-close.in-process}): daily,
 * acting on the first day of a month; on AWS an EventBridge schedule sends {@code {"job": "month-close"}}.
 */
@Singleton
@Requires(beans = MonthClose.class)
@Requires(property = "tollgate.month-close.in-process", value = "true")
public class MonthCloseSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(MonthCloseSchedule.class);
    private final MonthClose monthClose;

    public MonthCloseSchedule(MonthClose monthClose) {
        this.monthClose = monthClose;
    }

    @Scheduled(cron = "${tollgate.month-close.cron:0 0 1 * * *}")
    void run() {
        try {
            MonthClose.Outcome outcome = monthClose.close();
            if (!"not_due".equals(outcome.status())) {
                LOG.info("month close: {}", outcome);
            }
        } catch (RuntimeException e) {
            LOG.warn("month close failed; the next run retries", e);
        }
    }
}
