package dev.tollgate.analytics.report;

import dev.tollgate.gateway.errors.GatewayException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** Dates of report requests: parsed strictly, with a 400 that says what was expected. */
public final class ReportDates {
    /** The longest range a report reads (ten years of days). */
    static final long MAX_DAYS = 3660;

    private ReportDates() {}

    /** A day in the form YYYY-MM-DD; null or blank gives null. */
    public static LocalDate day(String value, String param) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw GatewayException.invalidRequest(
                    "'" + param + "' must be a date in the form YYYY-MM-DD (e.g. 2026-11-01), got '" + value + "'",
                    param);
        }
    }

    /** A day that must be given. */
    public static LocalDate required(String value, String param) {
        LocalDate day = day(value, param);
        if (day == null) {
            throw GatewayException.invalidRequest(
                    "'" + param + "' is required: a date in the form YYYY-MM-DD (e.g. 2026-11-01)", param);
        }
        return day;
    }

    /** Checks that {@code from..to} is a forward range of at most {@link #MAX_DAYS} days. */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw GatewayException.invalidRequest(
                    "'end_date' (" + to + ") is before 'start_date' (" + from + ")", "end_date");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw GatewayException.invalidRequest(
                    "the range from " + from + " to " + to + " is longer than " + MAX_DAYS + " days", "end_date");
        }
    }

    /** Monday of the week of {@code day}. */
    public static LocalDate weekStart(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The days a named period covers, ending today; {@code custom} takes the given dates. */
    public static LocalDate[] period(String period, String start, String end, LocalDate today) {
        String p =
                period == null || period.isBlank() ? "monthly" : period.trim().toLowerCase(java.util.Locale.ROOT);
        LocalDate[] range = switch (p) {
            case "daily" -> new LocalDate[] {today, today};
            case "weekly" -> new LocalDate[] {weekStart(today), today};
            case "monthly" -> new LocalDate[] {today.withDayOfMonth(1), today};
            case "custom" -> new LocalDate[] {required(start, "start_date"), required(end, "end_date")};
            default ->
                throw GatewayException.invalidRequest(
                        "'period' must be daily, weekly, monthly or custom, got '" + period + "'", "period");
        };
        if (!p.equals("custom")) {
            LocalDate from = day(start, "start_date");
            LocalDate to = day(end, "end_date");
            range = new LocalDate[] {from == null ? range[0] : from, to == null ? range[1] : to};
        }
        checkRange(range[0], range[1]);
        return range;
    }
}
