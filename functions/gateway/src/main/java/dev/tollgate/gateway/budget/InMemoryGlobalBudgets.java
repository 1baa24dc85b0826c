package dev.tollgate.gateway.budget;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** {@link GlobalBudgets} in memory: the same semantics as {@link DynamoDbGlobalBudgets}, for tests. */
public final class InMemoryGlobalBudgets implements GlobalBudgets {
    private final AtomicReference<Monthly> value = new AtomicReference<>();

    @Override
    public Optional<Monthly> current() {
        return Optional.ofNullable(value.get());
    }

    @Override
    public void set(Monthly budget) {
        value.set(budget);
    }

    @Override
    public void clear() {
        value.set(null);
    }
}
