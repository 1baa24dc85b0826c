package dev.tollgate.gateway.testing;

import java.time.Duration;
import java.time.Instant;

/** A clock tests move by hand; always UTC. */
public final class MutableClock extends UtcClock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
