package dev.tollgate.gateway.failover;

import java.util.List;

/** The published set in memory: where no table exists (unit tests, the overhead benchmark). */
public final class InMemoryActiveFailovers implements ActiveFailovers {
    private volatile List<ActiveFailover> failovers = List.of();

    @Override
    public List<ActiveFailover> current() {
        return failovers;
    }

    @Override
    public void publish(List<ActiveFailover> failovers) {
        this.failovers = List.copyOf(failovers);
    }
}
