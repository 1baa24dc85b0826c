package dev.tollgate.gateway.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tollgate.gateway.testing.MutableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The fixture every ledger contract runs on: a ledger on a fresh store, a clock the test moves, and
 * a view into the store. A test class per implementation implements the contract interfaces
 * ({@link ReserveSettleContract}, {@link SweeperContract}, {@link WindowContract}), so the same
 * behavioural tests run against DynamoDB Local and the in-memory ledger.
 */
interface LedgerContract {
    Instant WEDNESDAY = Instant.parse("2026-03-04T10:15:30Z");

    /** The ledger under test (UTC unless the test built another with {@link #newLedger}). */
    BudgetLedger ledger();

    /** The clock the ledger reads. */
    MutableClock clock();

    /** A ledger on a fresh, empty store; later calls to {@link #openReservations} look at this store. */
    BudgetLedger newLedger(ZoneId zone, Clock clock);

    /** Open reservations in the store. */
    int openReservations();

    /** Whether the store holds the spend-log item of {@code requestId}. */
    boolean hasLog(String requestId);

    default BudgetLimit limit(Scope scope, String id, String window, String usd) {
        return new BudgetLimit(scope, id, BudgetWindow.parse(window), usd(usd));
    }

    default BigDecimal usd(String value) {
        return new BigDecimal(value);
    }

    default Reservation reserved(ReserveResult result) {
        return assertInstanceOf(ReserveResult.Reserved.class, result, () -> "expected room: " + result)
                .reservation();
    }

    default Settlement settlement(String requestId, String cost) {
        return new Settlement(
                usd(cost),
                120,
                30,
                "{\"request_id\":\"" + requestId + "\",\"cost\":" + cost + "}",
                clock().instant().plus(Duration.ofDays(30)));
    }

    default Instant inFiveMinutes() {
        return clock().instant().plus(Duration.ofMinutes(5));
    }

    default CounterState state(BudgetLimit limit) {
        return ledger().read(List.of(limit), clock().instant()).get(0);
    }

    default void assertCounter(BudgetLimit limit, BigDecimal committed, BigDecimal actual, long requests) {
        CounterState s = state(limit);
        assertEquals(0, committed.compareTo(s.committed()), () -> "committed " + s);
        assertEquals(0, actual.compareTo(s.actual()), () -> "actual " + s);
        assertEquals(requests, s.requests(), () -> "requests " + s);
    }

    default void assertUsd(String expected, BigDecimal actual) {
        assertEquals(0, usd(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }
}
