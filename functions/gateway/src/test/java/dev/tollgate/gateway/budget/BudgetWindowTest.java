package dev.tollgate.gateway.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BudgetWindowTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest
    @CsvSource({
        "1h,HOUR",
        "1d,DAY",
        "24h,DAY",
        "7d,WEEK",
        "1mo,MONTH",
        "30d,MONTH",
        "lifetime,LIFETIME",
        "' 1MO ',MONTH",
        "hourly,HOUR",
        "daily,DAY",
        "weekly,WEEK",
        "Monthly,MONTH"
    })
    void parse_whenLiteLlmDuration_mapsToCalendarWindow(String value, BudgetWindow expected) {
        assertEquals(expected, BudgetWindow.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2d", "30m", "30s", "1w", "month", ""})
    void parse_whenNotAlignable_rejectsNamingTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BudgetWindow.parse(value));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void day_inBerlinOnTheDstSwitch_is23HoursFromLocalMidnight() {
        // GIVEN 29 March 2026, 01:30 local (+01:00): clocks jump from 02:00 to 03:00 that night
        Instant now = Instant.parse("2026-03-29T00:30:00Z");
        // THEN the day runs from local midnight (+01:00) to the next local midnight (+02:00)
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), BudgetWindow.DAY.start(now, BERLIN));
        assertEquals(Instant.parse("2026-03-29T22:00:00Z"), BudgetWindow.DAY.resetAt(now, BERLIN));
        assertEquals("1d#2026-03-28T23:00:00Z", BudgetWindow.DAY.counterSortKey(now, BERLIN));
    }

    @Test
    void week_startsOnMondayAtLocalMidnight() {
        // GIVEN Wednesday 4 March 2026 and the last second of Sunday 8 March, Berlin time
        Instant wednesday = Instant.parse("2026-03-04T10:15:30Z");
        Instant sundayNight = Instant.parse("2026-03-08T22:59:59Z");
        // THEN both belong to the week of Monday 2 March; Monday 9 March starts the next
        assertEquals(Instant.parse("2026-03-01T23:00:00Z"), BudgetWindow.WEEK.start(wednesday, BERLIN));
        assertEquals(Instant.parse("2026-03-01T23:00:00Z"), BudgetWindow.WEEK.start(sundayNight, BERLIN));
        assertEquals(Instant.parse("2026-03-08T23:00:00Z"), BudgetWindow.WEEK.resetAt(wednesday, BERLIN));
        assertEquals(
                Instant.parse("2026-03-08T23:00:00Z"),
                BudgetWindow.WEEK.start(Instant.parse("2026-03-08T23:00:00Z"), BERLIN));
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), BudgetWindow.WEEK.start(wednesday, ZoneOffset.UTC));
    }

    @Test
    void month_isTheCalendarMonthInTheZone() {
        Instant now = Instant.parse("2026-03-15T12:00:00Z");
        assertEquals(Instant.parse("2026-02-28T23:00:00Z"), BudgetWindow.MONTH.start(now, BERLIN));
        assertEquals(Instant.parse("2026-03-31T22:00:00Z"), BudgetWindow.MONTH.resetAt(now, BERLIN));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), BudgetWindow.MONTH.start(now, ZoneOffset.UTC));
        assertEquals("1mo#2026-03-01T00:00:00Z", BudgetWindow.MONTH.counterSortKey(now, ZoneOffset.UTC));
    }

    @Test
    void hour_startsOnTheLocalHourEvenWithHalfHourOffsets() {
        Instant now = Instant.parse("2026-03-04T10:15:30Z");
        assertEquals(Instant.parse("2026-03-04T10:00:00Z"), BudgetWindow.HOUR.start(now, BERLIN));
        assertEquals(Instant.parse("2026-03-04T11:00:00Z"), BudgetWindow.HOUR.resetAt(now, BERLIN));
        // Asia/Kolkata is +05:30: 15:45:30 local, so the hour began at 15:00 local = 09:30Z
        assertEquals(Instant.parse("2026-03-04T09:30:00Z"), BudgetWindow.HOUR.start(now, ZoneId.of("Asia/Kolkata")));
    }

    @Test
    void lifetime_neverResets() {
        Instant now = Instant.parse("2026-03-04T10:15:30Z");
        assertEquals(Instant.EPOCH, BudgetWindow.LIFETIME.start(now, BERLIN));
        assertNull(BudgetWindow.LIFETIME.resetAt(now, BERLIN));
        assertEquals("lifetime#-", BudgetWindow.LIFETIME.counterSortKey(now, BERLIN));
    }

    @Test
    void label_namesScopeIdAndWindow() {
        assertEquals(
                "team 'ml' (1mo window)",
                new BudgetLimit(Scope.TEAM, "ml", BudgetWindow.parse("30d"), BigDecimal.TEN).label());
        assertEquals("global (1d window)", new BudgetLimit(Scope.GLOBAL, "global", BudgetWindow.DAY, null).label());
        assertEquals(
                "end user 'u-7' (lifetime)",
                new BudgetLimit(Scope.END_USER, "u-7", BudgetWindow.LIFETIME, BigDecimal.ONE).label());
        assertEquals(
                "SPEND#TEAMMEMBER#ml/ana",
                CounterKey.of(
                                new BudgetLimit(Scope.TEAM_MEMBER, "ml/ana", BudgetWindow.DAY, null),
                                Instant.EPOCH,
                                ZoneOffset.UTC)
                        .pk());
    }
}
