package dev.tollgate.gateway.admission;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pauses of a call waiting for reservations in flight to settle: exponential from 100 ms to a 1 s cap,
 * with "equal jitter" (half the step fixed, half random). The fixed half keeps a crowd of waiters from
 * retrying in a tight loop against the same counter items; the random half spreads them so they do not
 * retry in lock-step. Over a 2 s wait a caller tries about six times.
 */
final class ReserveBackoff {
    static final Duration BASE = Duration.ofMillis(100);
    static final Duration CAP = Duration.ofSeconds(1);

    private ReserveBackoff() {}

    /** The pause before retry {@code round} (0-based). */
    static Duration pause(int round) {
        long step = Math.min(CAP.toMillis(), BASE.toMillis() << Math.min(round, 10));
        long half = step / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
