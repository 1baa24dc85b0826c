package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An end user, LiteLLM's "customer" ({@code ENDUSER#<userId>}): the person a client application
 * calls on behalf of, named by the request's {@code user} field or the {@code x-tollgate-end-user} header.
 *
 * @param userId         the end-user id as the requests carry it
 * @param alias          human name, or null
 * @param maxBudget      hard budget in USD for {@code budgetDuration}; null = none
 * @param budgetDuration window of {@code maxBudget}; null = lifetime
 * @param budgetLimits   further hard limits, one window each
 * @param metadata       free-form
 * @param blocked        calls for this end user are refused while true
 * @param createdAt      creation time
 * @param updatedAt      last change
 */
public record EndUserRecord(
        String userId,
        String alias,
        BigDecimal maxBudget,
        String budgetDuration,
        List<BudgetLimitSpec> budgetLimits,
        Map<String, Object> metadata,
        boolean blocked,
        Instant createdAt,
        Instant updatedAt)
        implements Identity {

    public EndUserRecord {
        Objects.requireNonNull(userId, "userId");
        budgetLimits = Collections2.list(budgetLimits);
        metadata = Collections2.map(metadata);
    }

    @Override
    public String id() {
        return userId;
    }
}
