package dev.tollgate.analytics.forecast;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forecast job in-process, daily ({@code ./tollgate local} sets {@code tollgate.forecast.in-process}); on
 * AWS an EventBridge schedule sends {@code {"job": "forecast"}} to the analytics jobs function.
 */
@Singleton
@Requires(beans = ForecastService.class)
@Requires(property = "tollgate.forecast.in-process", value = "true")
public class ForecastSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(ForecastSchedule.class);
    private final ForecastService forecasts;

    public ForecastSchedule(ForecastService forecasts) {
        this.forecasts = forecasts;
    }

    @Scheduled(cron = "${tollgate.forecast.cron:0 30 0 * * *}")
    void run() {
        try {
            LOG.info("forecasts: {} stored", forecasts.generate().size());
        } catch (RuntimeException e) {
            LOG.warn("forecast run failed; the next run retries", e);
        }
    }
}
