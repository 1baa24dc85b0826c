package dev.tollgate.gateway.bridge.responses;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ResponseStore} in memory, for a gateway without storage (unit tests, benchmarks). */
public final class InMemoryResponseStore implements ResponseStore {
    private final Map<String, StoredResponse> responses = new ConcurrentHashMap<>();
    private final Clock clock;

    public InMemoryResponseStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void put(StoredResponse response) {
        responses.put(response.id(), response);
    }

    @Override
    public Optional<StoredResponse> find(String id) {
        return Optional.ofNullable(responses.get(id)).filter(r -> r.expiresAt().isAfter(clock.instant()));
    }

    @Override
    public boolean delete(String id) {
        return responses.remove(id) != null;
    }
}
