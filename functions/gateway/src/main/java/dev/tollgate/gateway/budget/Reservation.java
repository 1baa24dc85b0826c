package dev.tollgate.gateway.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An open reservation: {@code amount} added to the committed spend of every counter in
 * {@code counters}, until settled or, after {@code expiresAt}, released by the sweeper.
 *
 * @param requestId the call's id; one reservation per id
 * @param counters  the counter items moved, in their window at reservation time
 * @param amount    USD reserved on each counter (the call's worst case, or a clamped share)
 * @param expiresAt when the sweeper may release it
 */
public record Reservation(String requestId, List<CounterKey> counters, BigDecimal amount, Instant expiresAt) {

    public Reservation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(expiresAt, "expiresAt");
        counters = List.copyOf(counters);
    }
}
