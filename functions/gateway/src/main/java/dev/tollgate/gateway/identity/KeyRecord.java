package dev.tollgate.gateway.identity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A virtual key, as stored under {@code KEY#<keyHash>}. The key itself is never stored: only its
 * SHA-256 and its first characters for display. Field names follow LiteLLM's {@code /key/generate}.
 *
 * @param keyHash             SHA-256 of the current secret, hex (LiteLLM's {@code token})
 * @param keyId               stable id of the key: the hash of its first secret; unchanged by
 *                            regeneration, so the key's budget counters ({@code SPEND#KEY#<keyId>}) survive it
 * @param keyAlias            unique human name, or null
 * @param keyPrefix           the first characters of the secret, for display ({@code sk-AbC12})
 * @param userId              owning internal user, or null
 * @param teamId              owning team, or null
 * @param models              models the key may call; empty = all
 * @param maxBudget           hard budget in USD for the {@code budgetDuration} window; null = none
 * @param softBudget          alert-only budget in USD; never refuses a call
 * @param budgetDuration      window of {@code maxBudget} ({@code 1d}, {@code 1mo}…); null = lifetime
 * @param budgetLimits        further hard limits, one window each
 * @param tpmLimit            tokens per minute; null = none
 * @param rpmLimit            requests per minute; null = none
 * @param maxParallelRequests in-flight requests; null = none
 * @param modelRpmLimit       requests per minute per model
 * @param modelTpmLimit       tokens per minute per model
 * @param expires             when the key stops working; null = never
 * @param metadata            free-form, copied into spend logs
 * @param tags                tags every call with this key carries (tag budgets apply)
 * @param blocked             refused while true
 * @param logContent          whether prompts and responses may be logged for this key
 * @param createdAt           creation time (kept across regeneration)
 * @param updatedAt           last change
 * @param previousKeyHash     after a regeneration: the old secret's hash, accepted until {@code previousKeyExpires}
 * @param previousKeyExpires  end of the old secret's grace period; null when there is none
 * @param modelMaxBudget      per-model hard budgets (LiteLLM's {@code model_max_budget}): model → limit and window
 * @param maxBudgetPerSession hard budget in USD of one agent session (docs/budgets.md); null = none
 * @param maxRequestsPerSession calls one agent session may make; null = none
 * @param cache               response-cache opt-in ({@code {"enabled": true, "ttl": 600}}; docs/caching.md)
 */
public record KeyRecord(
        String keyHash,
        String keyId,
        String keyAlias,
        String keyPrefix,
        String userId,
        String teamId,
        List<String> models,
        BigDecimal maxBudget,
        BigDecimal softBudget,
        String budgetDuration,
        List<BudgetLimitSpec> budgetLimits,
        Long tpmLimit,
        Long rpmLimit,
        Long maxParallelRequests,
        Map<String, Long> modelRpmLimit,
        Map<String, Long> modelTpmLimit,
        Instant expires,
        Map<String, Object> metadata,
        List<String> tags,
        boolean blocked,
        boolean logContent,
        Instant createdAt,
        Instant updatedAt,
        String previousKeyHash,
        Instant previousKeyExpires,
        Map<String, ModelBudget> modelMaxBudget,
        BigDecimal maxBudgetPerSession,
        Long maxRequestsPerSession,
        Map<String, Object> cache)
        implements Identity {

    public KeyRecord {
        Objects.requireNonNull(keyHash, "keyHash");
        keyId = keyId == null ? keyHash : keyId;
        models = Collections2.list(models);
        budgetLimits = Collections2.list(budgetLimits);
        modelRpmLimit = Collections2.map(modelRpmLimit);
        modelTpmLimit = Collections2.map(modelTpmLimit);
        metadata = Collections2.map(metadata);
        modelMaxBudget = Collections2.map(modelMaxBudget);
        cache = Collections2.map(cache);
        tags = Collections2.list(tags);
    }

    @Override
    public String id() {
        return keyHash;
    }

    /** Whether the key has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    /** Whether {@code hash} is this key's previous secret and still inside its grace period at {@code now}. */
    public boolean inGrace(String hash, Instant now) {
        return previousKeyHash != null
                && previousKeyHash.equals(hash)
                && previousKeyExpires != null
                && now.isBefore(previousKeyExpires);
    }
}
