package dev.tollgate.gateway.alerts;

/**
 * Delivers an alert somewhere people or systems see it: SNS on AWS ({@link SnsAlertPublisher}), the
 * console and an optional webhook locally. An implementation throws when delivery failed, so that
 * {@link RetryingAlertPublisher} can try again; the publisher the application injects is wrapped so it
 * never throws (a failed alert is logged, and never fails a user's call).
 *
 * <p>Every channel sends an {@link AlertMessage}: a budget alert's is {@link AlertMessage#of its event's};
 * the control plane's SLA and failover alerts, which are not budget events, hand theirs to
 * {@link #publish(AlertMessage)}, so both go out in the same form, with the same attributes and retries.
 */
public interface AlertPublisher {

    /** Delivers {@code event}; throws on failure. */
    void publish(AlertEvent event);

    /**
     * Delivers an alert that is not a budget event; throws on failure. Every channel implements it; the
     * default, for test doubles that only record events, refuses.
     */
    default void publish(AlertMessage message) {
        throw new UnsupportedOperationException(this + " delivers budget alerts only");
    }
}
