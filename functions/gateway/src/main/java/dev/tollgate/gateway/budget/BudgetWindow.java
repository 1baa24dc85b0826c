package dev.tollgate.gateway.budget;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A budget period, calendar-aligned in a configured time zone (docs/architecture.md §4): hours start on
 * the hour, days at local midnight, weeks on Monday, months on the 1st. Each window instance is
 * its own counter item, so a new window starts at zero without any reset write.
 */
public enum BudgetWindow {
    HOUR("1h"),
    DAY("1d"),
    WEEK("7d"),
    MONTH("1mo"),
    LIFETIME("lifetime");

    private final String code;

    BudgetWindow(String code) {
        this.code = code;
    }

    /**
     * Parses a window: {@code 1h}, {@code 1d} or {@code 24h}, {@code 7d}, {@code 1mo} or {@code 30d}
     * (both the calendar month), {@code lifetime}, and the words {@code hourly}, {@code daily},
     * {@code weekly}, {@code monthly} (the product brief's and LiteLLM's UI spelling). These are the
     * LiteLLM {@code budget_duration} values that can be calendar-aligned; anything else is rejected.
     *
     * @throws IllegalArgumentException naming the value when it is not one of these
     */
    public static BudgetWindow parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1h", "hourly" -> HOUR;
            case "1d", "24h", "daily" -> DAY;
            case "7d", "weekly" -> WEEK;
            case "1mo", "30d", "monthly" -> MONTH;
            case "lifetime" -> LIFETIME;
            default ->
                throw new IllegalArgumentException("unsupported budget window '" + value
                        + "': use 1h, 1d (or 24h), 7d, 1mo (or 30d), lifetime, or hourly, daily, weekly, monthly");
        };
    }

    /** The canonical code: {@code 1h}, {@code 1d}, {@code 7d}, {@code 1mo} or {@code lifetime}. */
    public String code() {
        return code;
    }

    /** The start of the window containing {@code now}; {@link Instant#EPOCH} for lifetime. */
    public Instant start(Instant now, ZoneId zone) {
        return this == LIFETIME ? Instant.EPOCH : startIn(now, zone).toInstant();
    }

    /** When the window containing {@code now} ends and the next begins; null for lifetime. */
    public Instant resetAt(Instant now, ZoneId zone) {
        if (this == LIFETIME) {
            return null;
        }
        ZonedDateTime start = startIn(now, zone);
        return switch (this) {
            case HOUR -> start.plusHours(1).toInstant();
            case DAY -> start.toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case WEEK -> start.toLocalDate().plusWeeks(1).atStartOfDay(zone).toInstant();
            case MONTH -> start.toLocalDate().plusMonths(1).atStartOfDay(zone).toInstant();
            case LIFETIME -> throw new IllegalStateException();
        };
    }

    /**
     * The sort key of the counter item for the window containing {@code now}:
     * {@code <code>#<window start, ISO-8601 UTC>}, e.g. {@code 1d#2026-03-01T23:00:00Z} for
     * 2 March in Europe/Berlin; {@code lifetime#-} for lifetime.
     */
    public String counterSortKey(Instant now, ZoneId zone) {
        return this == LIFETIME ? "lifetime#-" : code + "#" + start(now, zone);
    }

    private ZonedDateTime startIn(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        LocalDate date = local.toLocalDate();
        return switch (this) {
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS);
            case DAY -> date.atStartOfDay(zone);
            case WEEK ->
                date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone);
            case MONTH -> date.withDayOfMonth(1).atStartOfDay(zone);
            case LIFETIME -> throw new IllegalStateException("lifetime has no calendar start");
        };
    }
}
