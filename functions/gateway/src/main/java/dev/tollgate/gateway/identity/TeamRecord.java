package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A team ({@code TEAM#<teamId>}): its budget is shared by all its keys, and each member may have a
 * budget inside it. Field names follow LiteLLM's {@code /team/new}.
 *
 * @param teamId              id
 * @param teamAlias           human name, or null
 * @param membersWithRoles    members, with their role and team budget
 * @param models              models the team's keys may call; empty = all
 * @param maxBudget           hard budget in USD for {@code budgetDuration}; null = none
 * @param softBudget          alert-only budget in USD
 * @param budgetDuration      window of {@code maxBudget}; null = lifetime
 * @param budgetLimits        further hard limits, one window each
 * @param tpmLimit            tokens per minute; null = none
 * @param rpmLimit            requests per minute; null = none
 * @param maxParallelRequests in-flight requests; null = none
 * @param metadata            free-form
 * @param blocked             every key of the team is refused while true
 * @param logContent          whether prompts and responses may be logged for the team's calls
 * @param createdAt           creation time
 * @param updatedAt           last change
 * @param modelMaxBudget      per-model hard budgets (LiteLLM's {@code model_max_budget}): model → limit and window
 * @param maxBudgetPerSession hard budget in USD of one agent session (docs/budgets.md); null = none
 * @param maxRequestsPerSession calls one agent session may make; null = none
 * @param cache               response-cache opt-in ({@code {"enabled": true, "ttl": 600}}; docs/caching.md)
 */
public record TeamRecord(
        String teamId,
        String teamAlias,
        List<TeamMember> membersWithRoles,
        List<String> models,
        BigDecimal maxBudget,
        BigDecimal softBudget,
        String budgetDuration,
        List<BudgetLimitSpec> budgetLimits,
        Long tpmLimit,
        Long rpmLimit,
        Long maxParallelRequests,
        Map<String, Object> metadata,
        boolean blocked,
        boolean logContent,
        Instant createdAt,
        Instant updatedAt,
        Map<String, ModelBudget> modelMaxBudget,
        BigDecimal maxBudgetPerSession,
        Long maxRequestsPerSession,
        Map<String, Object> cache)
        implements Identity {

    public TeamRecord {
        Objects.requireNonNull(teamId, "teamId");
        membersWithRoles = Collections2.list(membersWithRoles);
        models = Collections2.list(models);
        budgetLimits = Collections2.list(budgetLimits);
        metadata = Collections2.map(metadata);
        modelMaxBudget = Collections2.map(modelMaxBudget);
        cache = Collections2.map(cache);
    }

    @Override
    public String id() {
        return teamId;
    }

    /** The membership of {@code userId}, if any. */
    public Optional<TeamMember> member(String userId) {
        return membersWithRoles.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }
}
