package dev.tollgate.gateway.identity;

import dev.tollgate.gateway.budget.BudgetLimit;
import dev.tollgate.gateway.budget.BudgetWindow;
import dev.tollgate.gateway.budget.GlobalBudgets;
import dev.tollgate.gateway.budget.Scope;
import dev.tollgate.gateway.config.BudgetSettings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns identity records into the hard {@link BudgetLimit}s a call must reserve against:
 * {@code max_budget} with {@code budget_duration} gives one limit (lifetime when no duration is
 * set), and each {@code budget_limits} entry one more. {@code soft_budget} only alerts and is never
 * a limit. A record with no budget gives no limits.
 */
public final class BudgetLimits {

    private BudgetLimits() {}

    /** The key's limits, on the counter of its stable {@link KeyRecord#keyId()} (survives regeneration). */
    public static List<BudgetLimit> forKey(KeyRecord key) {
        return of(Scope.KEY, key.keyId(), key.maxBudget(), key.budgetDuration(), key.budgetLimits());
    }

    /** The user's limits. */
    public static List<BudgetLimit> forUser(UserRecord user) {
        return of(Scope.USER, user.userId(), user.maxBudget(), user.budgetDuration(), user.budgetLimits());
    }

    /** The team's limits. */
    public static List<BudgetLimit> forTeam(TeamRecord team) {
        return of(Scope.TEAM, team.teamId(), team.maxBudget(), team.budgetDuration(), team.budgetLimits());
    }

    /**
     * The limit of {@code userId}'s spend inside {@code team} ({@code max_budget_in_team}), on the
     * counter {@code SPEND#TEAMMEMBER#<teamId>/<userId>}; empty when the user is no member or has no
     * team budget.
     */
    public static List<BudgetLimit> forTeamMember(TeamRecord team, String userId) {
        if (userId == null) {
            return List.of();
        }
        return team.member(userId)
                .map(m -> of(
                        Scope.TEAM_MEMBER,
                        teamMemberId(team.teamId(), userId),
                        m.maxBudgetInTeam(),
                        m.budgetDuration(),
                        List.of()))
                .orElse(List.of());
    }

    /** The end user's limits. */
    public static List<BudgetLimit> forEndUser(EndUserRecord endUser) {
        return of(
                Scope.END_USER,
                endUser.userId(),
                endUser.maxBudget(),
                endUser.budgetDuration(),
                endUser.budgetLimits());
    }

    /** The tag's limits. */
    public static List<BudgetLimit> forTag(TagRecord tag) {
        return of(Scope.TAG, tag.name(), tag.maxBudget(), tag.budgetDuration(), tag.budgetLimits());
    }

    /** Key, user, team and team-member limits of an authenticated principal; none for the master key. */
    public static List<BudgetLimit> forPrincipal(Principal principal) {
        List<BudgetLimit> limits = new ArrayList<>();
        if (principal.key() != null) {
            limits.addAll(forKey(principal.key()));
        }
        if (principal.user() != null) {
            limits.addAll(forUser(principal.user()));
        }
        if (principal.team() != null) {
            limits.addAll(forTeam(principal.team()));
            limits.addAll(forTeamMember(principal.team(), principal.userId()));
        }
        return limits;
    }

    /**
     * The limits of one scope: {@code maxBudget} in {@code budgetDuration} (lifetime when null), then
     * one per {@code budgetLimits} entry. Also for budgets that come from configuration (the default
     * budget of unknown end users, the global budget).
     *
     * @throws IllegalArgumentException when a duration is not a budget window
     */
    public static List<BudgetLimit> of(
            Scope scope, String id, BigDecimal maxBudget, String budgetDuration, List<BudgetLimitSpec> budgetLimits) {
        List<BudgetLimit> limits = new ArrayList<>();
        if (maxBudget != null) {
            limits.add(new BudgetLimit(scope, id, window(budgetDuration), maxBudget));
        }
        for (BudgetLimitSpec spec : budgetLimits == null ? List.<BudgetLimitSpec>of() : budgetLimits) {
            limits.add(new BudgetLimit(scope, id, window(spec.budgetDuration()), spec.maxBudget()));
        }
        return limits;
    }

    /**
     * The global budgets of tollgate.yml ({@code settings.budgets.global}), one limit per window entry; the
     * first half of {@link #forGlobal(List, Optional)}.
     *
     * @throws IllegalArgumentException when a duration is not a budget window
     */
    public static List<BudgetLimit> forConfiguredGlobal(BudgetSettings settings) {
        List<BudgetLimit> limits = new ArrayList<>();
        for (BudgetSettings.WindowBudget budget : settings.globalBudgets()) {
            limits.addAll(of(Scope.GLOBAL, "global", budget.maxBudget(), budget.budgetDuration(), null));
        }
        return List.copyOf(limits);
    }

    /**
     * The global budgets the gateway enforces: tollgate.yml's ({@code configured}, from {@link
     * #forConfiguredGlobal}), with its {@code 1mo} ones replaced by the value set at runtime ({@link
     * GlobalBudgets}) when there is one: that value's hard limit, or an uncapped {@code 1mo} counter (the soft
     * alert's) when it sets none. The proxy ({@code BudgetScopes}) and the forecasts both read the global budget
     * through this, so they cannot disagree.
     */
    public static List<BudgetLimit> forGlobal(List<BudgetLimit> configured, Optional<GlobalBudgets.Monthly> runtime) {
        if (runtime.isEmpty()) {
            return configured;
        }
        List<BudgetLimit> limits = new ArrayList<>();
        for (BudgetLimit limit : configured) {
            if (limit.window() != BudgetWindow.MONTH) {
                limits.add(limit);
            }
        }
        if (runtime.get().hardLimit() != null) {
            limits.add(new BudgetLimit(
                    Scope.GLOBAL, "global", BudgetWindow.MONTH, runtime.get().hardLimit()));
        } else if (runtime.get().softLimit() != null) {
            limits.add(BudgetLimit.uncapped(Scope.GLOBAL, "global", BudgetWindow.MONTH)); // the alert's counter
        }
        return limits;
    }

    /**
     * The key's and its team's {@code model_max_budget} entries for {@code model}, each on its own counter
     * ({@code SPEND#KEYMODEL#<key id>/<model>}, {@code SPEND#TEAMMODEL#<team id>/<model>}).
     */
    public static List<BudgetLimit> forModel(Principal principal, String model) {
        List<BudgetLimit> limits = new ArrayList<>();
        if (model == null) {
            return limits;
        }
        if (principal.key() != null && principal.key().modelMaxBudget().containsKey(model)) {
            ModelBudget b = principal.key().modelMaxBudget().get(model);
            limits.add(new BudgetLimit(
                    Scope.KEY_MODEL, principal.key().keyId() + "/" + model, window(b.timePeriod()), b.budgetLimit()));
        }
        if (principal.team() != null && principal.team().modelMaxBudget().containsKey(model)) {
            ModelBudget b = principal.team().modelMaxBudget().get(model);
            limits.add(new BudgetLimit(
                    Scope.TEAM_MODEL,
                    principal.team().teamId() + "/" + model,
                    window(b.timePeriod()),
                    b.budgetLimit()));
        }
        return limits;
    }

    /** Every {@code model_max_budget} entry of a key, for {@code /key/info}. */
    public static List<BudgetLimit> forKeyModels(KeyRecord key) {
        List<BudgetLimit> limits = new ArrayList<>();
        key.modelMaxBudget()
                .forEach((model, b) -> limits.add(new BudgetLimit(
                        Scope.KEY_MODEL, key.keyId() + "/" + model, window(b.timePeriod()), b.budgetLimit())));
        return limits;
    }

    /** Every {@code model_max_budget} entry of a team, for {@code /team/info}. */
    public static List<BudgetLimit> forTeamModels(TeamRecord team) {
        List<BudgetLimit> limits = new ArrayList<>();
        team.modelMaxBudget()
                .forEach((model, b) -> limits.add(new BudgetLimit(
                        Scope.TEAM_MODEL, team.teamId() + "/" + model, window(b.timePeriod()), b.budgetLimit())));
        return limits;
    }

    /**
     * The key's and its team's per-session limits for {@code sessionId}: one lifetime counter per owner and
     * session ({@code SPEND#SESSION#key:<key id>/<session>}, {@code …#team:<team id>/<session>}), with a TTL.
     */
    public static List<BudgetLimit> forSession(Principal principal, String sessionId) {
        List<BudgetLimit> limits = new ArrayList<>();
        if (sessionId == null || sessionId.isBlank()) {
            return limits;
        }
        KeyRecord key = principal.key();
        if (key != null && (key.maxBudgetPerSession() != null || key.maxRequestsPerSession() != null)) {
            limits.add(new BudgetLimit(
                    Scope.SESSION,
                    "key:" + key.keyId() + "/" + sessionId,
                    BudgetWindow.LIFETIME,
                    key.maxBudgetPerSession(),
                    key.maxRequestsPerSession()));
        }
        TeamRecord team = principal.team();
        if (team != null && (team.maxBudgetPerSession() != null || team.maxRequestsPerSession() != null)) {
            limits.add(new BudgetLimit(
                    Scope.SESSION,
                    "team:" + team.teamId() + "/" + sessionId,
                    BudgetWindow.LIFETIME,
                    team.maxBudgetPerSession(),
                    team.maxRequestsPerSession()));
        }
        return limits;
    }

    /** The counter id of a user's budget inside a team: {@code <teamId>/<userId>}. */
    public static String teamMemberId(String teamId, String userId) {
        return teamId + "/" + userId;
    }

    private static BudgetWindow window(String budgetDuration) {
        return budgetDuration == null ? BudgetWindow.LIFETIME : BudgetWindow.parse(budgetDuration);
    }
}
