package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An internal user ({@code USER#<userId>}), who owns keys and belongs to teams. Field names follow
 * LiteLLM's {@code /user/new}.
 *
 * @param userId              id
 * @param userEmail           email, or null
 * @param userRole            free-form role (LiteLLM's {@code internal_user}, …), or null
 * @param models              models the user's keys may call; empty = all
 * @param maxBudget           hard budget in USD for {@code budgetDuration}; null = none
 * @param softBudget          alert-only budget in USD
 * @param budgetDuration      window of {@code maxBudget}; null = lifetime
 * @param budgetLimits        further hard limits, one window each
 * @param tpmLimit            tokens per minute; null = none
 * @param rpmLimit            requests per minute; null = none
 * @param maxParallelRequests in-flight requests; null = none
 * @param metadata            free-form
 * @param blocked             every key of the user is refused while true
 * @param teams               ids of the teams the user is a member of (kept in step with the teams)
 * @param createdAt           creation time
 * @param updatedAt           last change
 */
public record UserRecord(
        String userId,
        String userEmail,
        String userRole,
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
        List<String> teams,
        Instant createdAt,
        Instant updatedAt)
        implements Identity {

    public UserRecord {
        Objects.requireNonNull(userId, "userId");
        models = Collections2.list(models);
        budgetLimits = Collections2.list(budgetLimits);
        metadata = Collections2.map(metadata);
        teams = Collections2.list(teams);
    }

    @Override
    public String id() {
        return userId;
    }
}
