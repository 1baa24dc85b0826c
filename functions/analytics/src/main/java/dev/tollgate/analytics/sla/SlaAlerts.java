package dev.tollgate.analytics.sla;

/**
 * Announces a violation when it opens ({@code sla_violation}) and when it resolves
 * ({@code sla_resolved}): once each, from the collector run (or the manual resolve) that changed it,
 * never once per run. A failed delivery is logged by the caller and not retried by a later run.
 */
public interface SlaAlerts {

    /** {@code type} is {@code sla_violation} or {@code sla_resolved}. */
    void send(String type, SlaStore.Violation violation);
}
