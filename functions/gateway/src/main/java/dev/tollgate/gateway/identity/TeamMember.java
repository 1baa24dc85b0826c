package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A user's membership of a team (LiteLLM's {@code members_with_roles} entry plus its team budget).
 *
 * @param userId          the member
 * @param userEmail       email, or null
 * @param role            {@code admin} or {@code user}
 * @param maxBudgetInTeam hard budget in USD for this user's spend through this team; null = none
 * @param budgetDuration  window of {@code maxBudgetInTeam}; null = lifetime
 */
public record TeamMember(
        String userId, String userEmail, String role, BigDecimal maxBudgetInTeam, String budgetDuration) {

    public TeamMember {
        Objects.requireNonNull(userId, "userId");
        role = role == null ? "user" : role;
    }
}
