package dev.tollgate.gateway.storage;

import dev.tollgate.gateway.errors.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One value of the store read at most once per period per instance, by whichever caller finds the copy
 * stale (a burst at expiry reads once); the fresh path takes no lock. While that caller reads, the others
 * go on with the stale copy instead of waiting for it; only the very first read, with no copy yet, makes
 * concurrent callers wait. A read that fails with {@link
 * StoreUnavailableException} keeps the last value (the initial one before any read) until the next
 * period. A zero period reads on every call, without the lock (concurrent calls read concurrently). Used
 * for the hot path's single items: the runtime global budget and the active failovers.
 *
 * <p>{@link #invalidate()} wins over a read already under way: that read may have been answered before the write
 * that the invalidation follows, so its value is returned to its caller but not kept, and the next call reads
 * again. Each invalidation moves a generation on; a read keeps its value only if the generation is the one it
 * started in.
 */
public final class Refreshed<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Refreshed.class);

    private record Snapshot<T>(T value, Instant readAt) {}

    private final String what;
    private final Supplier<T> read;
    private final Duration period;
    private final Clock clock;
    private final T initial;
    private volatile Snapshot<T> snapshot;
    /** Moved on by each {@link #invalidate()}; written with {@link #snapshot} under {@link #stamping}. */
    private volatile long generation;
    /** Makes "store the snapshot if the generation is unchanged" atomic against an invalidation; never held long. */
    private final Object stamping = new Object();

    private final ReentrantLock refreshing = new ReentrantLock();

    public Refreshed(String what, Supplier<T> read, Duration period, Clock clock, T initial) {
        this.what = what;
        this.read = read;
        this.period = period;
        this.clock = clock;
        this.initial = initial;
    }

    public T get() {
        Instant now = clock.instant();
        if (period.isZero()) {
            return readAt(snapshot, now); // reads on every call: no lock, so that calls are not serialised
        }
        Snapshot<T> s = snapshot;
        if (fresh(s, now)) {
            return s.value();
        }
        if (s != null) {
            if (!refreshing.tryLock()) {
                return s.value(); // another caller is reading it: the copy it replaces is at most one read older
            }
        } else {
            refreshing.lock(); // nothing to serve yet
        }
        try {
            s = snapshot;
            if (fresh(s, now)) {
                return s.value();
            }
            return readAt(s, now);
        } finally {
            refreshing.unlock();
        }
    }

    /** The next {@link #get()} reads the store (after this instance wrote the item itself). */
    public void invalidate() {
        synchronized (stamping) {
            generation++;
            snapshot = null;
        }
    }

    /**
     * Reads the store and keeps the value; on failure keeps {@code last}'s value (or the initial one). Keeps nothing
     * when an invalidation came while it read: the value may predate the write, so the next call reads again.
     */
    private T readAt(Snapshot<T> last, Instant now) {
        long started = generation;
        T value;
        try {
            value = read.get();
        } catch (StoreUnavailableException e) {
            LOG.warn("{} not read, keeping the last value until the next refresh: {}", what, e.getMessage());
            value = last == null ? initial : last.value();
        }
        synchronized (stamping) {
            if (generation == started) {
                snapshot = new Snapshot<>(value, now);
            }
        }
        return value;
    }

    private boolean fresh(Snapshot<T> s, Instant now) {
        return s != null && now.isBefore(s.readAt().plus(period));
    }
}
