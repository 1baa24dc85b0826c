package dev.tollgate.gateway.alerts;

/**
 * Delivers an alert somewhere people or systems see it: SNS on AWS ({@link SnsAlertPublisher}), the
 * console and an optional webhook locally. An implementation throws when delivery failed, so that
 * {@link RetryingAlertPublisher} can try again; the publisher the application injects is wrapped so it
 * never throws (a failed alert is logged, and never fails a user's call).
 */
public interface AlertPublisher {

    /** Delivers {@code event}; throws on failure. */
    void publish(AlertEvent event);
}
