package dev.tollgate.gateway.admission;

import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * How long admitted calls take, from reservation to settlement, as an exponentially weighted mean over
 * the calls this process served. A call refused because its budget is held by calls in flight is told to
 * retry after about that long ({@code Retry-After} of {@code budget_in_use}), bounded to 1–10 s.
 */
@Singleton
public class CallDurations {
    static final long MIN_RETRY_SECONDS = 1;
    static final long MAX_RETRY_SECONDS = 10;
    /** Before any call has settled: a typical short completion. */
    private static final double INITIAL_MILLIS = 2000;

    private static final double WEIGHT = 0.2;

    private double meanMillis = INITIAL_MILLIS;

    /** Notes one settled call. */
    public synchronized void record(Duration took) {
        long millis = Math.max(0, took.toMillis());
        meanMillis = meanMillis + WEIGHT * (millis - meanMillis);
    }

    /** The mean call duration, in whole milliseconds. */
    public synchronized long meanMillis() {
        return Math.round(meanMillis);
    }

    /** Seconds after which reservations now in flight are expected to have settled: ⌈mean⌉, in [1, 10]. */
    public long retryAfterSeconds() {
        long seconds = (meanMillis() + 999) / 1000;
        return Math.min(MAX_RETRY_SECONDS, Math.max(MIN_RETRY_SECONDS, seconds));
    }
}
