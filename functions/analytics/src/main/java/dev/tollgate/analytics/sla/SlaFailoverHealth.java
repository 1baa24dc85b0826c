package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.failover.FailoverTrigger;
import dev.tollgate.analytics.failover.PrimaryHealth;
import java.time.Instant;

/** The failover evaluation's view of a model's health: {@code health_5min} and the open violations. */
final class SlaFailoverHealth implements PrimaryHealth {
    private final SlaStore store;

    SlaFailoverHealth(SlaStore store) {
        this.store = store;
    }

    @Override
    public Double observed(String model, FailoverTrigger trigger, Instant from, Instant to) {
        SlaHealth h =
                store.health(from, to, model, false).stream().findFirst().orElseGet(() -> new SlaHealth("*", model));
        SlaMetric metric = switch (trigger) {
            case ERROR_RATE -> SlaMetric.ERROR_RATE;
            case LATENCY_P95 -> SlaMetric.LATENCY_P95;
            case AVAILABILITY -> SlaMetric.AVAILABILITY;
            case SLA_VIOLATION -> null;
        };
        return metric == null || h.requests() == 0 ? null : metric.observed(h);
    }

    @Override
    public boolean violationOpen(String model) {
        return store.active().stream().anyMatch(v -> v.model().equals(model));
    }
}
