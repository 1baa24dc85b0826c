package dev.tollgate.gateway.alerts;

import java.util.List;

/**
 * Where alerts are de-duplicated and kept for listing (docs/alerts.md). {@link DynamoDbAlertStore} on
 * the one table; {@link InMemoryAlertStore} for unit tests and storage-less runs.
 */
public interface AlertStore {

    /**
     * Claims the right to publish {@code event}: true for exactly one caller per
     * {@link AlertEvent#dedupKey()}, however many ask at once, across every instance of the gateway.
     */
    boolean claim(AlertEvent event);

    /** Keeps a fired alert for {@link #recent}, under its team, its user and the all-alerts list. */
    void record(AlertEvent event);

    /**
     * Fired alerts, newest first, at most {@code limit}: those of {@code teamId} (and, when also
     * given, of {@code userId} within it), else those of {@code userId}, else all.
     */
    List<AlertEvent> recent(String teamId, String userId, int limit);
}
