package dev.tollgate.gateway.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths of time as LiteLLM writes them, for key expiry ({@code duration}) and regeneration grace
 * ({@code grace_period}): a whole number and a unit, {@code s}, {@code m}, {@code h}, {@code d},
 * {@code w} (7 days), {@code mo} (30 days) or {@code y} (365 days): {@code 30s}, {@code 1h},
 * {@code 30d}. Budget windows are not durations: see {@code BudgetWindow}.
 */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w|mo|y)");

    private Durations() {}

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the value when it is not a number and a unit
     */
    public static Duration parse(String value) {
        Matcher m = FORMAT.matcher(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a duration: use a number and a unit, "
                    + "s, m, h, d, w, mo (30 days) or y (365 days), e.g. 30d or 12h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "mo" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }
}
