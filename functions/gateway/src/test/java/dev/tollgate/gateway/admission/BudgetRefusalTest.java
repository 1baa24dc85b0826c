package dev.tollgate.gateway.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.ReserveResult;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.errors.GatewayException;
import dev.tollgate.gateway.identity.KeyRecord;
import dev.tollgate.gateway.identity.Principal;
import dev.tollgate.gateway.identity.TeamRecord;
import dev.tollgate.gateway.identity.TestRecords;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spent or held: which refusal a shortfall gets, what it says, and how it names the scope. The figures are
 * issue 17's: a $0.0001215 monthly key budget (10 calls of $0.00001215), the smallest call $0.0000012.
 */
class BudgetRefusalTest {
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Instant RESET = Instant.parse("2027-01-01T00:00:00Z");
    private static final BigDecimal SMALLEST = new BigDecimal("0.0000012");
    private static final KeyRecord KEY =
            TestRecords.key("sk-0123456789abcdef0123456789abcdef", "{\"key_alias\":\"burst\",\"team_id\":\"ml\"}");
    private static final TeamRecord TEAM = TestRecords.team("ml", "{\"team_alias\":\"Machine learning\"}");
    private static final Principal CALLER = new Principal(KEY.keyHash(), "burst", false, KEY, null, TEAM);
    private static final BudgetLimit KEY_MONTH =
            new BudgetLimit(Scope.KEY, KEY.keyId(), BudgetWindow.MONTH, new BigDecimal("0.0001215"));

    @Test
    void heldByCallsInFlight_isBudgetInUse_withSpentReservedAndHowMany() {
        // GIVEN $0.0000605 settled and $0.0000574 held by 5 calls: $0.0001179 committed, as in the issue
        Shortfall s = shortfall(KEY_MONTH, "0.0001179", "0.0000605", 5);

        BudgetRefusal refusal = BudgetRefusal.of(new ReserveResult.Insufficient(List.of(s)), SMALLEST);
        GatewayException e = BudgetErrors.of(refusal, ScopeNames.label(s.limit(), CALLER), NOW, 2);

        assertFalse(refusal.spent());
        assertEquals(429, e.status());
        assertEquals("budget_in_use", e.code());
        assertEquals(
                "Budget in use for key 'burst' (1mo window): $0.0000605 spent, $0.0000574 reserved by 5 calls in"
                        + " flight, of $0.0001215. Retry in 2 s, when they have settled.",
                e.getMessage());
        assertEquals("2", e.headers().get("retry-after"));
        // the same figures as headers, as on a successful call
        assertEquals("0.0000605", e.headers().get("x-tollgate-budget-spent"));
        assertEquals("0.0000574", e.headers().get("x-tollgate-budget-reserved"));
        assertEquals("5", e.headers().get("x-tollgate-budget-in-flight"));
        assertEquals("0.0001215", e.headers().get("x-tollgate-budget-limit"));
        assertEquals("0.0000036", e.headers().get("x-tollgate-budget-remaining"));
        assertEquals("key; window=1mo", e.headers().get("x-tollgate-budget-scope"));
    }

    @Test
    void spentOut_isBudgetExceeded_withRetryAfterToTheReset_evenWhileOthersHoldRoom() {
        // GIVEN settled spend leaves less than the smallest call ($0.0000010 < $0.0000012), one call in flight
        Shortfall s = shortfall(KEY_MONTH, "0.0001215", "0.0001205", 1);

        BudgetRefusal refusal = BudgetRefusal.of(new ReserveResult.Insufficient(List.of(s)), SMALLEST);
        GatewayException e = BudgetErrors.of(refusal, ScopeNames.label(s.limit(), CALLER), NOW, 2);

        assertTrue(refusal.spent());
        assertEquals("budget_exceeded", e.code());
        assertEquals(
                "Budget exceeded for key 'burst' (1mo window): spent $0.0001205 of $0.0001215, resets " + RESET,
                e.getMessage());
        assertEquals(
                Long.toString(Duration.between(NOW, RESET).toSeconds()),
                e.headers().get("retry-after"));
    }

    @Test
    void oneLimitSpentOut_winsOverAnotherThatIsOnlyHeld() {
        BudgetLimit team = new BudgetLimit(Scope.TEAM, "ml", BudgetWindow.LIFETIME, new BigDecimal("5"));
        Shortfall held = shortfall(KEY_MONTH, "0.0001215", "0", 10);
        Shortfall spent = new Shortfall(team, new BigDecimal("5"), new BigDecimal("5"), 0, null);

        BudgetRefusal refusal = BudgetRefusal.of(new ReserveResult.Insufficient(List.of(held, spent)), SMALLEST);

        assertTrue(refusal.spent());
        assertEquals(
                "Budget exceeded for team 'Machine learning' (ml) (lifetime): spent $5.00 of $5.00, a lifetime"
                        + " budget (no reset)",
                BudgetErrors.of(refusal, ScopeNames.label(team, CALLER), NOW, 2).getMessage());
    }

    @Test
    void scopes_areNamedAsTheirOwnersKnowThem_neverByHash() {
        KeyRecord unnamed = TestRecords.key("sk-fedcba9876543210fedcba9876543210", "{}");
        Principal anonymous = new Principal(unnamed.keyHash(), null, false, unnamed, null, null);

        assertEquals(
                "key 'sk-fedcb…' (lifetime)",
                ScopeNames.label(
                        new BudgetLimit(Scope.KEY, unnamed.keyId(), BudgetWindow.LIFETIME, BigDecimal.ONE), anonymous));
        assertEquals(
                "user 'ann' in team 'Machine learning' (ml) (1d window)",
                ScopeNames.label(
                        new BudgetLimit(Scope.TEAM_MEMBER, "ml/ann", BudgetWindow.DAY, BigDecimal.ONE), CALLER));
        assertEquals(
                "end user 'cust-7' (1d window)",
                ScopeNames.label(new BudgetLimit(Scope.END_USER, "cust-7", BudgetWindow.DAY, BigDecimal.ONE), CALLER));
        assertEquals(
                "tag 'prod' (1h window)",
                ScopeNames.label(new BudgetLimit(Scope.TAG, "prod", BudgetWindow.HOUR, BigDecimal.ONE), CALLER));
        assertEquals(
                "user 'ann' (7d window)",
                ScopeNames.label(new BudgetLimit(Scope.USER, "ann", BudgetWindow.WEEK, BigDecimal.ONE), CALLER));
    }

    @Test
    void retryAfterOfHeldCalls_followsHowLongCallsTake_withinOneToTenSeconds() {
        CallDurations durations = new CallDurations();
        assertEquals(2, durations.retryAfterSeconds(), "before any call: a typical short completion");
        for (int i = 0; i < 50; i++) {
            durations.record(Duration.ofMillis(1500));
        }
        assertEquals(2, durations.retryAfterSeconds(), "1.5 s calls: retry in 2 s");
        for (int i = 0; i < 50; i++) {
            durations.record(Duration.ofMinutes(2));
        }
        assertEquals(10, durations.retryAfterSeconds(), "long streams: at most 10 s");
        for (int i = 0; i < 80; i++) {
            durations.record(Duration.ofMillis(20));
        }
        assertEquals(1, durations.retryAfterSeconds(), "at least 1 s");
    }

    private static Shortfall shortfall(BudgetLimit limit, String committed, String actual, long inFlight) {
        return new Shortfall(limit, new BigDecimal(committed), new BigDecimal(actual), inFlight, RESET);
    }
}
