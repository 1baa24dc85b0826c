package dev.tollgate.gateway.alerts;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@link AlertStore} in memory, for unit tests and a gateway with no table: claims are exact within
 * one process; nothing expires.
 */
public class InMemoryAlertStore implements AlertStore {
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private final List<AlertEvent> fired = new CopyOnWriteArrayList<>();

    @Override
    public boolean claim(AlertEvent event) {
        return claimed.add(event.dedupKey());
    }

    @Override
    public void record(AlertEvent event) {
        fired.add(event);
    }

    @Override
    public List<AlertEvent> recent(String teamId, String userId, int limit) {
        return fired.stream()
                .filter(e -> teamId == null || Objects.equals(teamId, e.teamId()))
                .filter(e -> userId == null || Objects.equals(userId, e.userId()))
                .sorted(Comparator.comparing(AlertEvent::occurredAt)
                        .thenComparing(AlertEvent::alertId)
                        .reversed())
                .limit(limit)
                .toList();
    }
}
