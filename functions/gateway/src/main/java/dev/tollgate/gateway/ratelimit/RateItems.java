package dev.tollgate.gateway.ratelimit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The rate items and the exact expressions that move them (docs/rate-limits.md;
 * DynamoDbRateLimiterRequestsTest pins them).
 * <ul>
 *   <li>minute counter: pk {@code RATE#<scope>#<id>[#<model>]}, sk {@code yyyy-MM-ddTHH:mm} (UTC),
 *       {@code requests}, {@code tokens}, {@code ttl} five minutes after the minute;</li>
 *   <li>in-flight item: pk {@code RATE#<scope>#<id>}, sk {@code inflight}, {@code leases} (a string set of
 *       {@code <expiry epoch s>#<request id>}), {@code ttl} past the newest slot's expiry.</li>
 * </ul>
 */
final class RateItems {
    static final String MINUTE_UPDATE = "ADD requests :one, tokens :tokens SET #ttl = :ttl";
    /** The request fits while fewer than rpm requests were counted this minute. */
    static final String RPM_CONDITION = "attribute_not_exists(requests) OR requests < :rpm";
    /** The tokens fit while tokens + charge <= tpm; {@code :maxTokens = tpm − max(charge, 1)} is computed client-side. */
    static final String TPM_CONDITION = "attribute_not_exists(tokens) OR tokens <= :maxTokens";

    static final String RPM_AND_TPM_CONDITION = "(" + RPM_CONDITION + ") AND (" + TPM_CONDITION + ")";
    static final String INFLIGHT_UPDATE = "ADD leases :slot SET #ttl = :ttl";
    /** A slot is free while the set holds fewer than max slots (expired ones included until swept). */
    static final String INFLIGHT_CONDITION = "attribute_not_exists(leases) OR size(leases) < :max";

    static final String CORRECT_UPDATE = "ADD tokens :delta SET #ttl = :ttl";
    static final String FREE_UPDATE = "DELETE leases :slot SET #ttl = :ttl";
    static final String SWEEP_UPDATE = "DELETE leases :expired";
    static final String INFLIGHT_SK = "inflight";
    /** The in-flight item outlives its newest slot by this much, then DynamoDB's TTL may delete it. */
    static final long INFLIGHT_KEEP_SECONDS = 3600;

    private static final Map<String, String> TTL_NAME = Map.of("#ttl", "ttl");

    private RateItems() {}

    /** One more request and the call's charge in this minute, if the limit has room. */
    static RateWrite countMinute(RateLimit limit, RateMinute minute, long estimate) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":one", n(1));
        values.put(":tokens", n(limit.chargedTokens(estimate)));
        values.put(":ttl", n(minute.ttl()));
        String condition;
        if (limit.rpm() != null && limit.tpm() != null) {
            condition = RPM_AND_TPM_CONDITION;
        } else {
            condition = limit.rpm() != null ? RPM_CONDITION : TPM_CONDITION;
        }
        if (limit.rpm() != null) {
            values.put(":rpm", n(limit.rpm()));
        }
        if (limit.tpm() != null) {
            values.put(":maxTokens", n(Refusal.maxTokensBefore(limit, estimate)));
        }
        return new RateWrite(key(limit.counterPk(), minute.key()), MINUTE_UPDATE, condition, TTL_NAME, values);
    }

    /** Takes an in-flight slot, if fewer than max are held. */
    static RateWrite takeSlot(RateLimit limit, String slot, long ttl) {
        return new RateWrite(
                key(limit.inflightPk(), INFLIGHT_SK),
                INFLIGHT_UPDATE,
                INFLIGHT_CONDITION,
                TTL_NAME,
                Map.of(":slot", AttributeValue.fromSs(List.of(slot)), ":max", n(limit.maxParallel()), ":ttl", n(ttl)));
    }

    /** Moves the minute's tokens from the charge to the actual count. */
    static RateWrite correctTokens(RateLimit limit, RateMinute minute, long delta) {
        return new RateWrite(
                key(limit.counterPk(), minute.key()),
                CORRECT_UPDATE,
                null,
                TTL_NAME,
                Map.of(":delta", n(delta), ":ttl", n(minute.ttl())));
    }

    /** Frees a slot (a no-op if it is already gone); refreshes the TTL so no item outlives its slots. */
    static RateWrite freeSlot(RateLimit limit, String slot, long ttl) {
        return new RateWrite(
                key(limit.inflightPk(), INFLIGHT_SK),
                FREE_UPDATE,
                null,
                TTL_NAME,
                Map.of(":slot", AttributeValue.fromSs(List.of(slot)), ":ttl", n(ttl)));
    }

    /** Removes the slots of calls that died (expired); safe to race, as removing an absent element is a no-op. */
    static RateWrite sweep(RateLimit limit, List<String> expired) {
        return new RateWrite(
                key(limit.inflightPk(), INFLIGHT_SK),
                SWEEP_UPDATE,
                null,
                Map.of(),
                Map.of(":expired", AttributeValue.fromSs(expired)));
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item == null ? null : item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    static List<String> leases(Map<String, AttributeValue> item) {
        AttributeValue v = item == null ? null : item.get("leases");
        return v == null || !v.hasSs() ? List.of() : v.ss();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
