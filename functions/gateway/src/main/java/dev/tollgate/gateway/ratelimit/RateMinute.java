package dev.tollgate.gateway.ratelimit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The calendar minute (UTC) a per-minute counter covers, and the times derived from it. */
record RateMinute(Instant start) {
    private static final DateTimeFormatter KEY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
    /** How long a minute's counter item stays after the minute ends, before DynamoDB's TTL may delete it. */
    static final long KEEP_SECONDS = 300;

    static RateMinute of(Instant now) {
        return new RateMinute(now.truncatedTo(ChronoUnit.MINUTES));
    }

    /** The sort key of the minute's counters: {@code 2026-03-04T10:15}. */
    String key() {
        return KEY.format(start);
    }

    Instant end() {
        return start.plusSeconds(60);
    }

    /** Epoch seconds at which DynamoDB may delete the minute's counters. */
    long ttl() {
        return end().getEpochSecond() + KEEP_SECONDS;
    }

    /** Whole seconds from {@code now} to the next minute, at least 1: the {@code Retry-After} of a per-minute refusal. */
    static long secondsToNextMinute(Instant now) {
        Instant next = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
        long millis = next.toEpochMilli() - now.toEpochMilli();
        return Math.max(1, (millis + 999) / 1000);
    }
}
