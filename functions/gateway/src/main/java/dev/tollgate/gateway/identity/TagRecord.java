package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tag with a budget ({@code TAG#<name>}). Requests carry tags in {@code metadata.tags} or
 * {@code tags}, keys carry them in their record; every tag with a budget must have room.
 *
 * @param name           the tag
 * @param description    free text, or null
 * @param models         informational: models the tag is meant for
 * @param maxBudget      hard budget in USD for {@code budgetDuration}; null = none
 * @param softBudget     alert-only budget in USD
 * @param budgetDuration window of {@code maxBudget}; null = lifetime
 * @param budgetLimits   further hard limits, one window each
 * @param createdAt      creation time
 * @param updatedAt      last change
 */
public record TagRecord(
        String name,
        String description,
        List<String> models,
        BigDecimal maxBudget,
        BigDecimal softBudget,
        String budgetDuration,
        List<BudgetLimitSpec> budgetLimits,
        Instant createdAt,
        Instant updatedAt)
        implements Identity {

    public TagRecord {
        Objects.requireNonNull(name, "name");
        models = Collections2.list(models);
        budgetLimits = Collections2.list(budgetLimits);
    }

    @Override
    public String id() {
        return name;
    }
}
