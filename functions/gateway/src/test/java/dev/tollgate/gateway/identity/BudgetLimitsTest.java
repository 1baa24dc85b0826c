package dev.tollgate.gateway.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.Scope;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records to hard limits: max_budget + budget_duration, each budget_limits entry, never soft_budget. */
class BudgetLimitsTest {
    private static final String SECRET = "sk-limits-0123456789abcdefghij";

    @Test
    void key_maxBudgetWithDuration_isOneLimitInThatWindow_onTheKeyId() {
        KeyRecord key = TestRecords.key(SECRET, "{\"max_budget\":10,\"budget_duration\":\"30d\",\"soft_budget\":8}");

        List<BudgetLimit> limits = BudgetLimits.forKey(key);

        assertEquals(
                List.of(new BudgetLimit(Scope.KEY, key.keyId(), BudgetWindow.MONTH, new BigDecimal("10"))), limits);
    }

    @Test
    void maxBudgetWithoutDuration_isLifetime() {
        List<BudgetLimit> limits = BudgetLimits.forUser(TestRecords.user("ann", "{\"max_budget\":3.5}"));

        assertEquals(BudgetWindow.LIFETIME, limits.get(0).window());
        assertEquals(Scope.USER, limits.get(0).scope());
    }

    @Test
    void budgetLimits_addOneLimitEach() {
        TeamRecord team = TestRecords.team(
                "ml",
                "{\"max_budget\":100,\"budget_duration\":\"1mo\",\"budget_limits\":"
                        + "[{\"budget_duration\":\"1d\",\"max_budget\":5},{\"budget_duration\":\"1h\",\"max_budget\":1}]}");

        List<BudgetLimit> limits = BudgetLimits.forTeam(team);

        assertEquals(
                List.of(BudgetWindow.MONTH, BudgetWindow.DAY, BudgetWindow.HOUR),
                limits.stream().map(BudgetLimit::window).toList());
        assertEquals(0, limits.get(2).limit().compareTo(BigDecimal.ONE));
    }

    @Test
    void softBudgetOnly_givesNoLimit() {
        assertTrue(BudgetLimits.forTag(TestRecords.tag("prod", "{\"soft_budget\":5}"))
                .isEmpty());
    }

    @Test
    void teamMember_isScopedToTeamSlashUser() {
        TeamRecord team = TestRecords.team(
                "ml",
                "{\"members_with_roles\":[{\"user_id\":\"ann\",\"role\":\"user\","
                        + "\"max_budget_in_team\":2,\"budget_duration\":\"1d\"},{\"user_id\":\"bob\"}]}");

        assertEquals(
                List.of(new BudgetLimit(Scope.TEAM_MEMBER, "ml/ann", BudgetWindow.DAY, new BigDecimal("2"))),
                BudgetLimits.forTeamMember(team, "ann"));
        assertTrue(BudgetLimits.forTeamMember(team, "bob").isEmpty());
        assertTrue(BudgetLimits.forTeamMember(team, "carol").isEmpty());
    }

    @Test
    void principal_combinesKeyUserTeamAndMember() {
        KeyRecord key = TestRecords.key(SECRET, "{\"user_id\":\"ann\",\"team_id\":\"ml\",\"max_budget\":1}");
        UserRecord user = TestRecords.user("ann", "{\"max_budget\":2}");
        TeamRecord team = TestRecords.team(
                "ml",
                "{\"max_budget\":3,\"members_with_roles\":" + "[{\"user_id\":\"ann\",\"max_budget_in_team\":4}]}");

        List<BudgetLimit> limits = new Principal(key.keyHash(), null, false, key, user, team).budgetLimits();

        assertEquals(
                List.of(Scope.KEY, Scope.USER, Scope.TEAM, Scope.TEAM_MEMBER),
                limits.stream().map(BudgetLimit::scope).toList());
        assertTrue(new Principal("h", "master", true).budgetLimits().isEmpty());
    }

    @Test
    void regeneratedKey_keepsItsBudgetCounter() {
        KeyRecord key = TestRecords.key(SECRET, "{\"max_budget\":1}");
        KeyRecord next = IdentityStoreContract.regenerated(key, "sk-limits-new-0123456789abcdefghij", false);

        assertEquals(BudgetLimits.forKey(key), BudgetLimits.forKey(next));
    }

    @Test
    void endUser_limits() {
        List<BudgetLimit> limits = BudgetLimits.forEndUser(TestRecords.endUser("cust", "{\"max_budget\":0}"));

        assertEquals(Scope.END_USER, limits.get(0).scope());
        assertEquals(0, limits.get(0).limit().signum());
    }
}
