package dev.tollgate.gateway.providers;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: attempt n waits a random time in [0, base·2ⁿ], capped. */
public record Backoff(Duration base, Duration cap) {

    public Duration delay(int attempt, Duration retryAfter) {
        if (retryAfter != null && !retryAfter.isNegative() && retryAfter.compareTo(cap) <= 0) {
            return retryAfter;
        }
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
