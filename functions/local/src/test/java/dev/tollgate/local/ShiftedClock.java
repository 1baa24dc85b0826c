package dev.tollgate.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The system clock, moved forward by an offset the test chooses: time still passes as it does for the calls, their
 * settlements and the caches, but a test can start far from a day's or a month's end and can put its calls at the
 * start of a calendar minute, so that a window never turns between two steps however slow the machine is. It can
 * also be held still for a few steps, so that nothing cached for a few seconds expires between them.
 */
final class ShiftedClock extends Clock {
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant held;

    /** A clock that reads noon (UTC) tomorrow now: at least twelve hours from a day's end in any budget time zone. */
    static ShiftedClock atNoonTomorrow() {
        ShiftedClock clock = new ShiftedClock();
        Instant now = Instant.now();
        clock.offset = Duration.between(now, now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36)));
        return clock;
    }

    /** Moves the clock forward to the start of the next calendar minute (UTC). */
    void toNextMinute() {
        Instant now = instant();
        offset = offset.plus(
                Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60)));
    }

    /** Stops the clock at its current reading until {@link #release()}. */
    void hold() {
        held = instant();
    }

    /** Lets the clock run on from the reading it was held at (it never goes back). */
    void release() {
        Instant at = held;
        if (at != null) {
            offset = Duration.between(Instant.now(), at);
            held = null;
        }
    }

    @Override
    public Instant instant() {
        Instant at = held;
        return at != null ? at : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
