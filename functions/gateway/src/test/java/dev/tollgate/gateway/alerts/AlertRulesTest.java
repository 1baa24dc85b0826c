package dev.tollgate.gateway.alerts;

import static dev.tollgate.gateway.alerts.AlertFixtures.APRIL;
import static dev.tollgate.gateway.alerts.AlertFixtures.NOW;
import static dev.tollgate.gateway.alerts.AlertFixtures.SUBJECT;
import static dev.tollgate.gateway.alerts.AlertFixtures.TEAM_MONTH;
import static dev.tollgate.gateway.alerts.AlertFixtures.UTC;
import static dev.tollgate.gateway.alerts.AlertFixtures.counter;
import static dev.tollgate.gateway.alerts.AlertFixtures.teamMarch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.budget.Shortfall;
import dev.tollgate.gateway.identity.KeyRecord;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which alerts a counter's spend calls for (no I/O). */
class AlertRulesTest {
    private static final List<Integer> THRESHOLDS = List.of(50, 80, 100);

    @Test
    void due_belowEveryLine_firesNothing() {
        assertTrue(AlertRules.due(List.of(teamMarch("49.99")), SUBJECT, THRESHOLDS, UTC, NOW)
                .isEmpty());
    }

    @Test
    void due_atExactlyEightyPercent_firesFiftyAndEighty() {
        List<AlertEvent> due = AlertRules.due(List.of(teamMarch("80")), SUBJECT, THRESHOLDS, UTC, NOW);

        assertEquals(List.of(50, 80), due.stream().map(AlertEvent::threshold).toList());
        AlertEvent eighty = due.get(1);
        assertEquals(AlertType.THRESHOLD_CROSSED, eighty.type());
        assertEquals("ml", eighty.teamId());
        assertNull(eighty.userId(), "a team's budget belongs to the team, not to the user whose call crossed it");
        assertEquals("1mo#2026-03-01T00:00:00Z", eighty.windowKey());
        assertEquals(new BigDecimal("80.00"), eighty.percent());
        assertEquals(APRIL, eighty.resetAt());
    }

    @Test
    void due_atTheLimit_firesHardBudgetReachedForHundred() {
        List<AlertEvent> due = AlertRules.due(List.of(teamMarch("100")), SUBJECT, List.of(100), UTC, NOW);

        assertEquals(1, due.size());
        assertEquals(AlertType.HARD_BUDGET_REACHED, due.get(0).type());
        assertEquals(100, due.get(0).threshold());
    }

    @Test
    void due_modelAndSessionBudgets_alertLikeAnyHardBudget_namedWithWhatTheyLimit() {
        // model_max_budget {"o3": {"budget_limit": 5, "time_period": "1d"}} and max_budget_per_session 2 of key k1
        BudgetLimit model = new BudgetLimit(Scope.KEY_MODEL, "k1/o3", BudgetWindow.DAY, new BigDecimal("5"));
        BudgetLimit session =
                new BudgetLimit(Scope.SESSION, "key:k1/run-42", BudgetWindow.LIFETIME, new BigDecimal("2"));

        List<AlertEvent> due = AlertRules.due(
                List.of(counter(model, "5", APRIL), counter(session, "1.60", null)), SUBJECT, THRESHOLDS, UTC, NOW);

        assertEquals(
                List.of(
                        "KEY_MODEL prod-bot/o3 50",
                        "KEY_MODEL prod-bot/o3 80",
                        "KEY_MODEL prod-bot/o3 100",
                        "SESSION key:prod-bot/run-42 50",
                        "SESSION key:prod-bot/run-42 80"),
                due.stream()
                        .map(e -> e.scope() + " " + e.name() + " " + e.threshold())
                        .toList());
        assertEquals(AlertType.HARD_BUDGET_REACHED, due.get(2).type());
        assertEquals("ml", due.get(0).teamId());
    }

    @Test
    void due_uncappedCounterWithoutSoftBudget_firesNothing() {
        BudgetLimit tracked = BudgetLimit.uncapped(Scope.TEAM, "ml", BudgetWindow.LIFETIME);

        assertTrue(AlertRules.due(List.of(counter(tracked, "1000", null)), SUBJECT, THRESHOLDS, UTC, NOW)
                .isEmpty());
    }

    @Test
    void due_softBudgetOnUncappedLifetimeCounter_firesSoftCrossedOnce() {
        BudgetLimit tracked = BudgetLimit.uncapped(Scope.KEY, "k1", BudgetWindow.LIFETIME);
        AlertSubject subject = SUBJECT.withSoftBudgets(
                List.of(new SoftBudget(Scope.KEY, "k1", BudgetWindow.LIFETIME, new BigDecimal("5"))));

        List<AlertEvent> due = AlertRules.due(List.of(counter(tracked, "5.01", null)), subject, THRESHOLDS, UTC, NOW);

        assertEquals(1, due.size());
        AlertEvent soft = due.get(0);
        assertEquals(AlertType.SOFT_BUDGET_CROSSED, soft.type());
        assertEquals("prod-bot", soft.name(), "a key is named by its alias");
        assertEquals("ml", soft.teamId());
        assertEquals("alice", soft.userId());
        assertEquals("lifetime#-", soft.windowKey());
        assertEquals("lifetime#-#SOFT_BUDGET_CROSSED#-#5", soft.markerSk());
    }

    @Test
    void due_softBudgetOfAnotherWindow_doesNotApply() {
        AlertSubject subject = SUBJECT.withSoftBudgets(
                List.of(new SoftBudget(Scope.TEAM, "ml", BudgetWindow.DAY, new BigDecimal("1"))));

        List<AlertEvent> due = AlertRules.due(List.of(teamMarch("10")), subject, List.of(), UTC, NOW);

        assertTrue(due.isEmpty(), due.toString());
    }

    @Test
    void due_zeroSpendOnZeroBudget_firesNothing() {
        BudgetLimit zero = new BudgetLimit(Scope.TEAM, "ml", BudgetWindow.MONTH, BigDecimal.ZERO);

        assertTrue(AlertRules.due(List.of(counter(zero, "0", APRIL)), SUBJECT, THRESHOLDS, UTC, NOW)
                .isEmpty());
    }

    @Test
    void due_teamMemberScope_belongsToTeamAndUser() {
        BudgetLimit member = new BudgetLimit(Scope.TEAM_MEMBER, "ml/bob", BudgetWindow.MONTH, new BigDecimal("10"));

        AlertEvent event = AlertRules.due(List.of(counter(member, "10", APRIL)), SUBJECT, List.of(100), UTC, NOW)
                .get(0);

        assertEquals("ml", event.teamId());
        assertEquals("bob", event.userId());
    }

    @Test
    void due_settledJustAfterRollOver_isMatchedToTheWindowThatEnds() {
        // Admitted in March (the snapshot's reset time is 1 April), settled at 00:00:01 on 1 April.
        AlertEvent event = AlertRules.due(List.of(teamMarch("90")), SUBJECT, List.of(80), UTC, APRIL.plusSeconds(1))
                .get(0);

        assertEquals("1mo#2026-03-01T00:00:00Z", event.windowKey());
    }

    @Test
    void due_windowKeyFollowsTheBudgetTimeZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        BudgetLimit day = new BudgetLimit(Scope.TEAM, "ml", BudgetWindow.DAY, new BigDecimal("10"));

        AlertEvent event = AlertRules.due(
                        List.of(counter(day, "9", Instant.parse("2026-03-20T23:00:00Z"))),
                        SUBJECT,
                        List.of(80),
                        berlin,
                        NOW)
                .get(0);

        assertEquals("1d#2026-03-19T23:00:00Z", event.windowKey());
    }

    @Test
    void markerSk_includesTheLimit_soRaisingABudgetReArmsIt() {
        AlertEvent at100 = AlertRules.due(List.of(teamMarch("90")), SUBJECT, List.of(80), UTC, NOW)
                .get(0);
        BudgetLimit raised = new BudgetLimit(Scope.TEAM, "ml", BudgetWindow.MONTH, new BigDecimal("200.00"));
        AlertEvent at200 = AlertRules.due(List.of(counter(raised, "170", APRIL)), SUBJECT, List.of(80), UTC, NOW)
                .get(0);

        assertEquals("1mo#2026-03-01T00:00:00Z#THRESHOLD_CROSSED#80#100", at100.markerSk());
        assertEquals("1mo#2026-03-01T00:00:00Z#THRESHOLD_CROSSED#80#200", at200.markerSk());
    }

    @Test
    void refused_withKnownSpend_isTheHundredPercentAlert() {
        Shortfall shortfall = new Shortfall(TEAM_MONTH, new BigDecimal("99.97"), APRIL);

        AlertEvent refused = AlertRules.refused(shortfall, SUBJECT, UTC, NOW).orElseThrow();
        AlertEvent reached = AlertRules.due(List.of(teamMarch("100")), SUBJECT, List.of(100), UTC, NOW)
                .get(0);

        assertEquals(AlertType.HARD_BUDGET_REACHED, refused.type());
        assertEquals(new BigDecimal("99.97"), refused.spend());
        assertEquals(reached.dedupKey(), refused.dedupKey(), "one alert, whichever path gets there first");
    }

    @Test
    void refused_callDearerThanTheWholeBudget_firesNothing() {
        assertTrue(AlertRules.refused(new Shortfall(TEAM_MONTH, null, APRIL), SUBJECT, UTC, NOW)
                .isEmpty());
    }

    @Test
    void expiring_withinWarning_firesOnce_perExpiryTime() {
        KeyRecord soon = key("k1", NOW.plus(Duration.ofDays(3)), false);

        AlertEvent event = AlertRules.expiring(soon, NOW, Duration.ofDays(7)).orElseThrow();

        assertEquals(AlertType.KEY_EXPIRING, event.type());
        assertEquals("expires#2026-03-23T10:00:00Z", event.windowKey());
        assertEquals("team-ml", event.teamId());
        assertEquals("owner", event.userId());
        assertEquals("k1-alias", event.name());
    }

    @Test
    void expiring_skipsFarExpiredBlockedAndNeverExpiringKeys() {
        Duration week = Duration.ofDays(7);

        assertTrue(AlertRules.expiring(key("far", NOW.plus(Duration.ofDays(8)), false), NOW, week)
                .isEmpty());
        assertTrue(AlertRules.expiring(key("gone", NOW.minusSeconds(1), false), NOW, week)
                .isEmpty());
        assertTrue(AlertRules.expiring(key("blocked", NOW.plus(Duration.ofDays(1)), true), NOW, week)
                .isEmpty());
        assertTrue(AlertRules.expiring(key("forever", null, false), NOW, week).isEmpty());
    }

    static KeyRecord key(String id, Instant expires, boolean blocked) {
        return new KeyRecord(
                id,
                id,
                id + "-alias",
                "sk-abc",
                "owner",
                "team-ml",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                expires,
                null,
                null,
                blocked,
                false,
                NOW,
                NOW,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
