package dev.tollgate.gateway.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reserve, settle and charge: all or nothing, never past a limit, exactly once. The money invariant
 * checked throughout: committed never passes a limit, and once everything is settled or released,
 * committed == actual == the sum of settled costs.
 */
interface ReserveSettleContract extends LedgerContract {

    @Test
    default void reserve_whenKeyBudgetFitsTenWorstCases_exactlyTenOf64ConcurrentCallsReserve() throws Exception {
        // GIVEN a key whose daily budget is exactly 10 worst cases: 10 × $0.25 = $2.50
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "2.50");
        // WHEN 64 calls reserve $0.25 at once, stay in flight, then settle at $0.100..$0.163
        Race.Outcome race = Race.run(
                ledger(),
                clock(),
                64,
                i -> List.of(key),
                usd("0.25"),
                i -> usd("0.100").add(usd("0.001").multiply(BigDecimal.valueOf(i))),
                List.of(key));
        // THEN exactly 10 reserved, committed never passed $2.50, and everything adds up
        assertEquals(10, race.winners().size());
        assertTrue(race.maxCommitted().get(key).compareTo(usd("2.50")) <= 0, "max " + race.maxCommitted());
        BigDecimal settled = race.winners().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertCounter(key, settled, settled, 10);
        assertEquals(0, openReservations());
    }

    @Test
    default void reserve_whenTeamBudgetSharedByFourKeys_exactlyTenOf64ConcurrentCallsReserve() throws Exception {
        // GIVEN 4 keys with roomy budgets in a team whose monthly budget is 10 × $0.25
        List<BudgetLimit> keys = List.of(
                limit(Scope.KEY, "k0", "lifetime", "100"),
                limit(Scope.KEY, "k1", "lifetime", "100"),
                limit(Scope.KEY, "k2", "lifetime", "100"),
                limit(Scope.KEY, "k3", "lifetime", "100"));
        BudgetLimit team = limit(Scope.TEAM, "ml", "1mo", "2.50");
        // WHEN 64 calls, 16 per key, each carrying its key limit and the team limit, race
        Race.Outcome race = Race.run(
                ledger(),
                clock(),
                64,
                i -> List.of(keys.get(i % 4), team),
                usd("0.25"),
                i -> usd("0.2").subtract(usd("0.002").multiply(BigDecimal.valueOf(i))),
                List.of(team));
        // THEN the team admitted exactly 10, never passed its limit, and each counter equals its settled sum
        assertEquals(10, race.winners().size());
        assertTrue(race.maxCommitted().get(team).compareTo(usd("2.50")) <= 0, "max " + race.maxCommitted());
        BigDecimal all = race.winners().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertCounter(team, all, all, 10);
        for (int k = 0; k < 4; k++) {
            int key = k;
            List<BigDecimal> mine = race.winners().entrySet().stream()
                    .filter(e -> e.getKey() % 4 == key)
                    .map(java.util.Map.Entry::getValue)
                    .toList();
            BigDecimal sum = mine.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertCounter(keys.get(k), sum, sum, mine.size());
        }
        assertEquals(0, openReservations());
    }

    @Test
    default void reserve_whenModelBudgetFitsTenWorstCases_exactlyTenOf64ConcurrentCallsReserve() throws Exception {
        // GIVEN a key with a roomy budget and model_max_budget {"o3": {"budget_limit": 2.50, "time_period": "1d"}}
        BudgetLimit key = limit(Scope.KEY, "k1", "lifetime", "100");
        BudgetLimit o3 = limit(Scope.KEY_MODEL, "k1/o3", "1d", "2.50");
        // WHEN 64 calls to o3 race, each reserving $0.25 on both counters in one transaction
        Race.Outcome race =
                Race.run(ledger(), clock(), 64, i -> List.of(key, o3), usd("0.25"), i -> usd("0.25"), List.of(o3));
        // THEN the model budget admitted exactly 10 and was never passed; the key counted the same 10
        assertEquals(10, race.winners().size());
        assertTrue(race.maxCommitted().get(o3).compareTo(usd("2.50")) <= 0, "max " + race.maxCommitted());
        assertCounter(o3, usd("2.50"), usd("2.50"), 10);
        assertCounter(key, usd("2.50"), usd("2.50"), 10);
        assertEquals(0, openReservations());
    }

    @Test
    default void reserve_whenSessionRequestLimitIsSeven_exactlySevenOf64ConcurrentCallsReserve() throws Exception {
        // GIVEN a session counter allowing 7 calls and a roomy $100 (max_requests_per_session: 7)
        BudgetLimit session = new BudgetLimit(Scope.SESSION, "key:k1/s-1", BudgetWindow.LIFETIME, usd("100"), 7L);
        // WHEN 64 calls of that session race
        Race.Outcome race =
                Race.run(ledger(), clock(), 64, i -> List.of(session), usd("0.25"), i -> usd("0.10"), List.of(session));
        // THEN exactly 7 reserved; an eighth call is refused for the request limit, not for money
        assertEquals(7, race.winners().size());
        assertCounter(session, usd("0.70"), usd("0.70"), 7);
        ReserveResult eighth = ledger().reserve("after-race", List.of(session), usd("0.25"), inFiveMinutes());
        Shortfall refused =
                assertInstanceOf(ReserveResult.Insufficient.class, eighth).tightest();
        assertTrue(refused.byRequests());
        assertEquals(7L, refused.calls());
    }

    @Test
    default void reserve_whenSessionBudgetFitsTenWorstCases_exactlyTenOf64ConcurrentCallsReserve() throws Exception {
        // GIVEN a session budget of 10 × $0.25 (max_budget_per_session: 2.50) beside the key's own counter
        BudgetLimit key = limit(Scope.KEY, "k1", "lifetime", "100");
        BudgetLimit session = limit(Scope.SESSION, "key:k1/s-2", "lifetime", "2.50");
        // WHEN 64 calls race
        Race.Outcome race = Race.run(
                ledger(), clock(), 64, i -> List.of(key, session), usd("0.25"), i -> usd("0.25"), List.of(session));
        // THEN exactly 10, never past the limit
        assertEquals(10, race.winners().size());
        assertTrue(race.maxCommitted().get(session).compareTo(usd("2.50")) <= 0, "max " + race.maxCommitted());
        assertCounter(session, usd("2.50"), usd("2.50"), 10);
    }

    @Test
    default void reserve_whenWorstCaseExceedsRemaining_reportsCommittedSoCallerCanClamp() {
        // GIVEN a $1.00 daily key budget with $0.60 reserved by a call in flight
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        Reservation first = reserved(ledger().reserve("r1", List.of(key), usd("0.60"), inFiveMinutes()));
        // WHEN a second call asks for its $0.60 worst case
        ReserveResult second = ledger().reserve("r2", List.of(key), usd("0.60"), inFiveMinutes());
        // THEN it is refused with the committed spend: remaining = 1.00 − 0.60 = 0.40
        ReserveResult.Insufficient refused = assertInstanceOf(ReserveResult.Insufficient.class, second);
        assertUsd("0.60", refused.tightest().committed());
        assertUsd("0.40", refused.remaining());
        assertEquals(Instant.parse("2026-03-05T00:00:00Z"), refused.tightest().resetAt());
        // AND a clamped retry with half of the remainder (0.20), then the exact rest (0.20), fit
        Reservation clamped = reserved(ledger().reserve("r2", List.of(key), usd("0.20"), inFiveMinutes()));
        Reservation rest = reserved(ledger().reserve("r3", List.of(key), usd("0.20"), inFiveMinutes()));
        assertUsd("1.00", state(key).committed());
        assertInstanceOf(
                ReserveResult.Insufficient.class,
                ledger().reserve("r4", List.of(key), usd("0.000001"), inFiveMinutes()));
        // AND after settling, committed == actual == 0.55 + 0.20 + 0.05
        ledger().settle(first, settlement("r1", "0.55"));
        ledger().settle(clamped, settlement("r2", "0.20"));
        ledger().settle(rest, settlement("r3", "0.05"));
        assertCounter(key, usd("0.80"), usd("0.80"), 3);
    }

    @Test
    default void reserve_whenAmountExceedsLimitOnItsOwn_rejectsWithoutWriting() {
        // GIVEN an empty $0.50 budget (a fresh counter passes attribute_not_exists(committed))
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "0.50");
        // WHEN a call's worst case is $0.60
        ReserveResult result = ledger().reserve("r1", List.of(key), usd("0.60"), inFiveMinutes());
        // THEN it is refused client-side: committed unknown, remaining bounded by the limit, nothing written
        Shortfall shortfall =
                assertInstanceOf(ReserveResult.Insufficient.class, result).tightest();
        assertNull(shortfall.committed());
        assertUsd("0.50", shortfall.remaining());
        assertCounter(key, BigDecimal.ZERO, BigDecimal.ZERO, 0);
        assertEquals(0, openReservations());
    }

    @Test
    default void reserve_whenTeamWindowFull_rejectsWithoutWriting() {
        // GIVEN a team whose monthly budget is fully committed by another key's call
        BudgetLimit team = limit(Scope.TEAM, "ml", "1mo", "1.00");
        BudgetLimit other = limit(Scope.KEY, "k2", "1d", "5");
        reserved(ledger().reserve("r1", List.of(other, team), usd("1.00"), inFiveMinutes()));
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "5");
        // WHEN a call of k1 (room on its key) reserves
        ReserveResult result = ledger().reserve("r2", List.of(key, team), usd("0.10"), inFiveMinutes());
        // THEN only the team is named, and the key counter did not move (all or nothing)
        ReserveResult.Insufficient refused = assertInstanceOf(ReserveResult.Insufficient.class, result);
        assertEquals(
                List.of(team),
                refused.shortfalls().stream().map(Shortfall::limit).toList());
        assertEquals("team 'ml' (1mo window)", refused.tightest().limit().label());
        assertCounter(key, BigDecimal.ZERO, BigDecimal.ZERO, 0);
        assertEquals(1, openReservations());
    }

    @Test
    default void reserve_whenSameCounterListedTwice_appliesTheTighterLimit() {
        // GIVEN the same key and window listed with $5 and $1 (budget_limits overlapping max_budget)
        BudgetLimit loose = limit(Scope.KEY, "k1", "1d", "5");
        BudgetLimit tight = limit(Scope.KEY, "k1", "1d", "1");
        // WHEN $2 is reserved THEN the $1 limit refuses
        ReserveResult result = ledger().reserve("r1", List.of(loose, tight), usd("2"), inFiveMinutes());
        assertEquals(
                tight,
                assertInstanceOf(ReserveResult.Insufficient.class, result)
                        .tightest()
                        .limit());
        // AND $0.50 moves the one counter once
        Reservation r = reserved(ledger().reserve("r2", List.of(loose, tight), usd("0.50"), inFiveMinutes()));
        assertEquals(1, r.counters().size());
        assertUsd("0.50", state(tight).committed());
    }

    @Test
    default void reserve_whenCounterUncapped_tracksSpendAndNeverRefuses() {
        // GIVEN a key with no budget and a tight tag budget
        BudgetLimit key = BudgetLimit.uncapped(Scope.KEY, "k1", BudgetWindow.LIFETIME);
        // WHEN a $1,000 call reserves and settles at $999.99
        Reservation r = reserved(ledger().reserve("r1", List.of(key), usd("1000"), inFiveMinutes()));
        ledger().settle(r, settlement("r1", "999.99"));
        // THEN the spend is tracked, with no remaining to report
        assertCounter(key, usd("999.99"), usd("999.99"), 1);
        assertNull(state(key).remaining());
    }

    @Test
    default void reserve_whenRequestIdRepeated_returnsTheSameReservationOrRefusesAnother() {
        // GIVEN a reservation (as after an SDK retry of a reserve that had succeeded)
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        Reservation first = reserved(ledger().reserve("r1", List.of(key), usd("0.60"), inFiveMinutes()));
        // WHEN the same reserve comes again THEN it is the same reservation and nothing moves twice
        assertEquals(first, reserved(ledger().reserve("r1", List.of(key), usd("0.60"), inFiveMinutes())));
        assertUsd("0.60", state(key).committed());
        // AND a different reservation under the same id is a programming error
        assertThrows(
                IllegalStateException.class, () -> ledger().reserve("r1", List.of(key), usd("0.10"), inFiveMinutes()));
    }

    @Test
    default void settle_whenRepeated_changesNothingTheSecondTime() {
        // GIVEN a call reserved at $0.50 and settled at $0.30
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        Reservation r = reserved(ledger().reserve("r1", List.of(key), usd("0.50"), inFiveMinutes()));
        ledger().settle(r, settlement("r1", "0.30"));
        // WHEN the settlement is retried
        ledger().settle(r, settlement("r1", "0.30"));
        // THEN it counted once
        assertCounter(key, usd("0.30"), usd("0.30"), 1);
        assertTrue(hasLog("r1"));
        assertEquals(0, openReservations());
    }

    @Test
    default void settle_afterWindowRolledOver_landsInTheReservationsWindow() {
        // GIVEN a call reserved at 23:59 on a daily budget
        clock().set(Instant.parse("2026-03-04T23:59:00Z"));
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        Reservation r = reserved(ledger().reserve("r1", List.of(key), usd("0.50"), inFiveMinutes()));
        // WHEN it settles after midnight
        clock().advance(Duration.ofMinutes(2));
        ledger().settle(r, settlement("r1", "0.40"));
        // THEN yesterday's counter holds the cost and today's is untouched
        assertEquals(
                usd("0.40")
                        .compareTo(ledger().read(List.of(key), Instant.parse("2026-03-04T23:59:00Z"))
                                .get(0)
                                .actual()),
                0);
        assertCounter(key, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    @Test
    default void charge_whenRepeatedWithTheSameLog_countsOnce() {
        // GIVEN a call refused before reserving (cost 0, but a log line) and a fallback charge of $0.20
        BudgetLimit key = limit(Scope.KEY, "k1", "1d", "1.00");
        ledger().charge("refused", List.of(key), settlement("refused", "0"));
        ledger().charge("fallback", List.of(key), settlement("fallback", "0.20"));
        // WHEN the fallback charge is repeated
        ledger().charge("fallback", List.of(key), settlement("fallback", "0.20"));
        // THEN each request counted once
        assertCounter(key, usd("0.20"), usd("0.20"), 2);
        assertTrue(hasLog("refused") && hasLog("fallback"));
    }
}
