package dev.tollgate.analytics.failover;

import java.time.Instant;

/** What the failover evaluation reads of a model's health (the SLA package answers from {@code health_5min}). */
public interface PrimaryHealth {

    /**
     * The trigger's metric for {@code model} (every provider's deployments together) over the five-minute
     * buckets starting in {@code [from, to)}; null when it had no calls there. Not called for
     * {@link FailoverTrigger#SLA_VIOLATION}.
     */
    Double observed(String model, FailoverTrigger trigger, Instant from, Instant to);

    /** Whether an SLA violation is open on {@code model} (any definition, metric or provider). */
    boolean violationOpen(String model);
}
