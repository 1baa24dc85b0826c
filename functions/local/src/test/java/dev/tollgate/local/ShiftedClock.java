package dev.tollgate.local;

import dev.tollgate.gateway.testing.UtcClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The system clock, moved forward by an offset the test chooses: time still passes as it does for the calls, their
 * settlements and the caches, but a test can start far from a day's or a month's end and can put its calls at the
 * start of a calendar minute (or any period), so that a window never turns between two steps however slow the
 * machine is. It can also be held still for a few steps, so that nothing cached for a few seconds expires between
 * them, and moved forward by hand, held or not.
 */
final class ShiftedClock extends UtcClock {
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant held;

    /**
     * A clock that reads noon (UTC) tomorrow now: twelve hours from either end of the UTC day. In a budget time zone
     * at UTC±h it is 12 − h hours from that zone's day's end or start (none at all at UTC±12, where noon UTC is
     * midnight), and at UTC+13 and UTC+14 it is only one and two hours past midnight: a test whose windows are in
     * such a zone must start its clock elsewhere.
     */
    static ShiftedClock atNoonTomorrow() {
        ShiftedClock clock = new ShiftedClock();
        Instant now = Instant.now();
        clock.offset = Duration.between(now, now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(36)));
        return clock;
    }

    /** Moves the clock forward to the start of the next calendar minute (UTC). */
    void toNextMinute() {
        toNext(Duration.ofMinutes(1));
    }

    /** Moves the clock forward to the start of the next {@code period} (whole seconds) counted from the epoch. */
    void toNext(Duration period) {
        long seconds = period.toSeconds();
        Instant now = instant();
        advance(Duration.between(now, Instant.ofEpochSecond((now.getEpochSecond() / seconds + 1) * seconds)));
    }

    /** Moves the clock forward by {@code by}: a held clock stays held, at the later reading. */
    synchronized void advance(Duration by) {
        Instant at = held;
        if (at != null) {
            held = at.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    /** Stops the clock at its current reading until {@link #release()}. */
    synchronized void hold() {
        held = instant();
    }

    /** Lets the clock run on from the reading it was held at (it never goes back). */
    synchronized void release() {
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
}
