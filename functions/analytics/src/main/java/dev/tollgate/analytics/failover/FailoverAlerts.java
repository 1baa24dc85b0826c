package dev.tollgate.analytics.failover;

/**
 * Announces each change of a failover, once, from the collector run that made it: {@code failover_activated},
 * {@code failover_extended} (the cooldown ended and the primary is still unhealthy), {@code failover_ended}
 * (traffic returns to the primary). Delivery is the alert publisher's (retried, then logged); a later run does not send it again.
 */
public interface FailoverAlerts {
    String ACTIVATED = "failover_activated";
    String EXTENDED = "failover_extended";
    String ENDED = "failover_ended";

    /** {@code rule} as it now stands; {@code reason} says what the run observed. */
    void send(String type, FailoverRule rule, String reason);
}
