package dev.tollgate.analytics.sla;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector in-process, every five minutes ({@code ./tollgate local} sets
 * {@code tollgate.sla.collector.in-process}); on AWS the jobs function runs it ({@code {"job": "sla-collect"}}).
 */
@Singleton
@Requires(beans = SlaService.class)
@Requires(property = "tollgate.sla.collector.in-process", value = "true")
public class SlaSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(SlaSchedule.class);
    private final SlaService sla;

    public SlaSchedule(SlaService sla) {
        this.sla = sla;
    }

    @Scheduled(
            fixedDelay = "${tollgate.sla.collector.period:5m}",
            initialDelay = "${tollgate.sla.collector.initial-delay:1m}")
    void collect() {
        try {
            SlaService.Run run = sla.collect();
            var f = run.failovers();
            if (run.opened() > 0 || run.resolved() > 0 || (f != null && f.activated() + f.extended() + f.ended() > 0)) {
                LOG.info("SLA collector: {}", run.view());
            }
        } catch (RuntimeException e) {
            LOG.warn("SLA collector run failed; the next run retries", e);
        }
    }
}
