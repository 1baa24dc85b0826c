package dev.tollgate.analytics.budget;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A budget created through {@code /api/v1/budgets}: its name, percentages and alert address. The
 * limits it implies ({@link #hardLimit()}, {@link #softLimit()}) live on the entity's DynamoDB record,
 * which is what the gateway enforces.
 */
@MappedEntity("budget")
public record Budget(
        @Id String id,
        String name,
        String entityType,
        String entityId,
        BigDecimal monthlyLimit,
        BigDecimal softLimitPercent,
        BigDecimal hardLimitPercent,
        @Nullable String alertEmail,
        Instant createdAt,
        Instant updatedAt) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** {@code monthly_limit × hard_limit_percent / 100}: the calendar-month hard limit. */
    public BigDecimal hardLimit() {
        return monthlyLimit.multiply(hardLimitPercent).divide(HUNDRED).stripTrailingZeros();
    }

    /** {@code monthly_limit × soft_limit_percent / 100}: the alert threshold. */
    public BigDecimal softLimit() {
        return monthlyLimit.multiply(softLimitPercent).divide(HUNDRED).stripTrailingZeros();
    }
}
