package dev.tollgate.gateway.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows roll over by themselves (a new window is a new counter), calendar-aligned in the configured zone. */
interface WindowContract extends LedgerContract {
    ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    default void reserve_whenDailyLimitFullToday_hasRoomTomorrow() {
        // GIVEN a daily $1.00 budget spent today
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        ledger().settle(
                        reserved(ledger().reserve("r1", List.of(key), usd("1.00"), inFiveMinutes())),
                        settlement("r1", "1.00"));
        assertInstanceOf(
                ReserveResult.Insufficient.class, ledger().reserve("r2", List.of(key), usd("0.01"), inFiveMinutes()));
        // WHEN the clock passes midnight UTC
        clock().set(Instant.parse("2026-03-05T00:00:00Z"));
        // THEN the new window has the whole budget, with no reset write
        reserved(ledger().reserve("r3", List.of(key), usd("1.00"), inFiveMinutes()));
        assertUsd("1.00", state(key).committed());
    }

    @Test
    default void reserve_whenDailyAndMonthlyLimits_dailyTripsFirstThenMonthly() {
        // GIVEN one key with budget_limits $1.00 a day and $2.50 a month
        BudgetLimit daily = limit(Scope.KEY, "k1", "1d", "1.00");
        BudgetLimit monthly = limit(Scope.KEY, "k1", "1mo", "2.50");
        List<BudgetLimit> both = List.of(daily, monthly);
        // WHEN $1.00 is spent on the 4th THEN a further call that day is refused by the daily window only
        ledger().settle(reserved(ledger().reserve("d1", both, usd("1.00"), inFiveMinutes())), settlement("d1", "1.00"));
        ReserveResult.Insufficient today = assertInstanceOf(
                ReserveResult.Insufficient.class, ledger().reserve("d1b", both, usd("0.50"), inFiveMinutes()));
        assertEquals(
                List.of(daily),
                today.shortfalls().stream().map(Shortfall::limit).toList());
        assertEquals(Instant.parse("2026-03-05T00:00:00Z"), today.tightest().resetAt());
        // WHEN $1.00 more is spent on the 5th, and the 6th asks for $1.00 (month: 2.00 + 1.00 > 2.50)
        clock().advance(Duration.ofDays(1));
        ledger().settle(reserved(ledger().reserve("d2", both, usd("1.00"), inFiveMinutes())), settlement("d2", "1.00"));
        clock().advance(Duration.ofDays(1));
        ReserveResult.Insufficient sixth = assertInstanceOf(
                ReserveResult.Insufficient.class, ledger().reserve("d3", both, usd("1.00"), inFiveMinutes()));
        // THEN the monthly window refuses, with $0.50 left until 1 April
        assertEquals(
                List.of(monthly),
                sixth.shortfalls().stream().map(Shortfall::limit).toList());
        assertUsd("0.50", sixth.remaining());
        assertEquals(Instant.parse("2026-04-01T00:00:00Z"), sixth.tightest().resetAt());
    }

    @Test
    default void read_inBerlin_reportsCalendarAlignedResetTimes() {
        // GIVEN a ledger configured for Europe/Berlin on Wednesday 4 March 2026, 11:15 local
        BudgetLedger berlin = newLedger(BERLIN, clock());
        List<BudgetLimit> limits = List.of(
                limit(Scope.TEAM, "ml", "1h", "1"),
                limit(Scope.TEAM, "ml", "24h", "1"),
                limit(Scope.TEAM, "ml", "7d", "1"),
                limit(Scope.TEAM, "ml", "30d", "1"),
                limit(Scope.TEAM, "ml", "lifetime", "1"));
        // WHEN its counters are read
        List<CounterState> states = berlin.read(limits, clock().instant());
        // THEN resets fall on the local hour, local midnight, Monday, and 1 April (after the DST switch)
        assertEquals(Instant.parse("2026-03-04T11:00:00Z"), states.get(0).resetAt());
        assertEquals(Instant.parse("2026-03-04T23:00:00Z"), states.get(1).resetAt());
        assertEquals(Instant.parse("2026-03-08T23:00:00Z"), states.get(2).resetAt());
        assertEquals(Instant.parse("2026-03-31T22:00:00Z"), states.get(3).resetAt());
        assertNull(states.get(4).resetAt());
    }

    @Test
    default void reserve_inBerlin_weeklyWindowRollsOnMondayAtLocalMidnight() {
        // GIVEN a weekly $1.00 budget in Europe/Berlin, spent on Sunday 8 March at 23:59 local
        BudgetLedger berlin = newLedger(BERLIN, clock());
        BudgetLimit weekly = limit(Scope.USER, "ana", "7d", "1.00");
        clock().set(Instant.parse("2026-03-08T22:59:00Z"));
        reserved(berlin.reserve("w1", List.of(weekly), usd("1.00"), inFiveMinutes()));
        assertInstanceOf(
                ReserveResult.Insufficient.class, berlin.reserve("w2", List.of(weekly), usd("0.01"), inFiveMinutes()));
        // WHEN it is Monday 00:00 local (23:00 UTC on Sunday)
        clock().set(Instant.parse("2026-03-08T23:00:00Z"));
        // THEN the new week has room
        reserved(berlin.reserve("w3", List.of(weekly), usd("1.00"), inFiveMinutes()));
    }
}
