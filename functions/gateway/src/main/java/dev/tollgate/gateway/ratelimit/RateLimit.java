package dev.tollgate.gateway.ratelimit;

import java.util.Objects;

/**
 * The limits of one scope (or of one model within a key): requests per minute, tokens per minute and
 * requests in flight. A null value means no such limit. The per-minute counters live under
 * {@link #counterPk()}; the in-flight slots under {@link #inflightPk()}.
 *
 * @param scope       whose limit it is
 * @param id          the scope's id (key id, user id, team id)
 * @param name        a human name for messages (the key's alias, the user or team id)
 * @param model       the public model name for a per-model limit; null for the whole scope
 * @param rpm         requests per minute, or null
 * @param tpm         tokens per minute, or null
 * @param maxParallel requests in flight at once, or null (never set on a per-model limit)
 */
public record RateLimit(RateScope scope, String id, String name, String model, Long rpm, Long tpm, Long maxParallel) {

    public RateLimit {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(id, "id");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("rate limit id must not be empty");
        }
        name = name == null || name.isBlank() ? id : name;
        if (model != null && maxParallel != null) {
            throw new IllegalArgumentException("max parallel requests apply to a whole scope, not to one model");
        }
    }

    /** The partition key of the per-minute counters: {@code RATE#<scope>#<id>[#<model>]}. */
    public String counterPk() {
        return inflightPk() + (model == null ? "" : "#" + model);
    }

    /** The partition key of the in-flight item: {@code RATE#<scope>#<id>}. */
    public String inflightPk() {
        return "RATE#" + scope.prefix() + "#" + id;
    }

    /** Whether this limit counts requests or tokens per minute. */
    public boolean perMinute() {
        return rpm != null || tpm != null;
    }

    /** Whether this limit bounds the requests in flight. */
    public boolean parallel() {
        return maxParallel != null;
    }

    /**
     * The tokens a call with this estimate takes from this limit's minute: the estimate, but never more
     * than the whole limit, so a call whose worst case alone exceeds the tpm still runs when the minute
     * is otherwise empty instead of being refused forever. Settlement corrects it to the actual count.
     */
    public long chargedTokens(long estimate) {
        return tpm == null ? estimate : Math.min(estimate, Math.max(0, tpm));
    }

    /** For messages: {@code key 'my-app'}, {@code team 'ml'}, {@code key 'my-app' on model 'gpt-4o'}. */
    public String label() {
        return scope.label() + " '" + name + "'" + (model == null ? "" : " on model '" + model + "'");
    }
}
