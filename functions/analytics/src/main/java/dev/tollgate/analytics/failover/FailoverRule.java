package dev.tollgate.analytics.failover;

import java.time.Instant;

/**
 * One failover rule: while {@code condition} holds for {@code primaryModel}, calls for it go to
 * {@code fallbackModel} for {@code cooldownMinutes} at a time. {@code activeSince}/{@code activeUntil}
 * are null while the rule is not active; {@code endedAt} is when its last failover ended.
 */
public record FailoverRule(
        String id,
        String primaryModel,
        String fallbackModel,
        FailoverTrigger condition,
        Double threshold,
        int cooldownMinutes,
        Instant createdAt,
        Instant updatedAt,
        Instant activeSince,
        Instant activeUntil,
        Instant endedAt) {

    public boolean active() {
        return activeUntil != null;
    }

    public FailoverRule activeFor(Instant since, Instant until) {
        return new FailoverRule(
                id,
                primaryModel,
                fallbackModel,
                condition,
                threshold,
                cooldownMinutes,
                createdAt,
                updatedAt,
                since,
                until,
                endedAt);
    }
}
