package dev.tollgate.gateway.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a counter says about calls in flight: how many hold a reservation and how much they hold
 * ({@code committed - actual}), as read and as carried by a refusal, through settle, release and charge.
 * A refusal must tell spent from held (docs/budgets.md, "Refusals").
 */
interface InFlightContract extends LedgerContract {

    @Test
    default void read_whileCallsAreInFlight_showsSpentHeldAndHowMany() {
        // GIVEN a $1 key budget, one call settled at $0.10 and two calls in flight holding $0.30 each
        BudgetLimit key = limit(Scope.KEY, "k1", "1mo", "1.00");
        Reservation done = reserved(ledger().reserve("done", List.of(key), usd("0.30"), inFiveMinutes()));
        ledger().settle(done, settlement("done", "0.10"));
        reserved(ledger().reserve("a", List.of(key), usd("0.30"), inFiveMinutes()));
        reserved(ledger().reserve("b", List.of(key), usd("0.30"), inFiveMinutes()));
        // WHEN it is read THEN spent, held, in flight and remaining are separate
        CounterState s = state(key);
        assertUsd("0.10", s.actual());
        assertUsd("0.60", s.reserved());
        assertEquals(2, s.inFlight());
        assertUsd("0.30", s.remaining());
    }

    @Test
    default void reserve_whenHeldByCallsInFlight_refusalTellsSpentHeldAndHowMany() {
        // GIVEN a $1 budget: $0.20 settled, three calls in flight holding $0.25 each ($0.95 committed)
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        Reservation done = reserved(ledger().reserve("done", List.of(key), usd("0.25"), inFiveMinutes()));
        ledger().settle(done, settlement("done", "0.20"));
        for (String id : List.of("a", "b", "c")) {
            reserved(ledger().reserve(id, List.of(key), usd("0.25"), inFiveMinutes()));
        }
        // WHEN a $0.25 call tries
        ReserveResult result = ledger().reserve("late", List.of(key), usd("0.25"), inFiveMinutes());
        // THEN the refusal carries $0.20 spent, $0.75 held by 3 calls: the room is held, not spent
        Shortfall s = assertInstanceOf(ReserveResult.Insufficient.class, result).tightest();
        assertUsd("0.95", s.committed());
        assertUsd("0.20", s.actual());
        assertUsd("0.75", s.reserved());
        assertUsd("0.80", s.unspent());
        assertEquals(3, s.inFlight());
    }

    @Test
    default void settleReleaseAndCharge_takeCallsOutOfFlightExactlyOnce() {
        // GIVEN three calls in flight on a team budget
        BudgetLimit team = limit(Scope.TEAM, "ml", "1mo", "10.00");
        Reservation settled = reserved(ledger().reserve("s", List.of(team), usd("1.00"), inFiveMinutes()));
        Reservation twice = reserved(ledger().reserve("t", List.of(team), usd("1.00"), inFiveMinutes()));
        reserved(ledger().reserve(
                        "dead", List.of(team), usd("1.00"), clock().instant().plusSeconds(30)));
        assertEquals(3, state(team).inFlight());
        // WHEN one settles, one settles twice, the dead one is swept, and a charge with no reservation lands
        ledger().settle(settled, settlement("s", "0.40"));
        ledger().settle(twice, settlement("t", "0.50"));
        ledger().settle(twice, settlement("t", "0.50"));
        clock().advance(Duration.ofMinutes(1));
        assertEquals(1, ledger().releaseExpired(clock().instant(), 10));
        ledger().charge("c", List.of(team), settlement("c", "0.05"));
        // THEN nothing is in flight and nothing is held; spend is the settled sum
        CounterState s = state(team);
        assertEquals(0, s.inFlight());
        assertUsd("0", s.reserved());
        assertUsd("0.95", s.actual());
    }
}
