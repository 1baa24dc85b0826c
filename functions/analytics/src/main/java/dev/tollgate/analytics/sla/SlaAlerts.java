package dev.tollgate.analytics.sla;

/**
 * Announces a violation when it opens ({@code sla_violation}) and when it resolves
 * ({@code sla_resolved}): once each, from the collector run (or the manual resolve) that changed it,
 * never once per run. Delivery is the alert publisher's (retried, then logged); a later run does not send it again.
 */
public interface SlaAlerts {

    /** {@code type} is {@code sla_violation} or {@code sla_resolved}. */
    void send(String type, SlaStore.Violation violation);
}
