package dev.tollgate.gateway.testing;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The base of the clocks tests move: always UTC, whatever zone is asked for; subclasses say what the time is. */
public abstract class UtcClock extends Clock {
    @Override
    public final ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone) {
        return this;
    }
}
