package dev.tollgate.gateway.failover;

import dev.tollgate.gateway.storage.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one item that lists the active failovers: {@code pk = FAILOVER#ACTIVE, sk = META}, attribute
 * {@code failovers} a list of maps {@code {rule_id, primary_model, fallback_model, until}} and
 * {@code updated_at}. Small (a few hundred bytes per rule), read by every proxy instance, written only by
 * the SLA collector.
 */
public final class FailoverItems {
    public static final String PK = "FAILOVER#ACTIVE";
    public static final String SK = "META";

    private FailoverItems() {}

    public static Map<String, AttributeValue> key() {
        return Map.of(
                TableDefinition.PK, AttributeValue.fromS(PK),
                TableDefinition.SK, AttributeValue.fromS(SK));
    }

    public static Map<String, AttributeValue> item(List<ActiveFailover> failovers, Instant updatedAt) {
        List<AttributeValue> list = new ArrayList<>();
        for (ActiveFailover f : failovers) {
            list.add(AttributeValue.fromM(Map.of(
                    "rule_id", AttributeValue.fromS(f.ruleId()),
                    "primary_model", AttributeValue.fromS(f.primaryModel()),
                    "fallback_model", AttributeValue.fromS(f.fallbackModel()),
                    "until", AttributeValue.fromS(f.until().toString()))));
        }
        Map<String, AttributeValue> item = new java.util.HashMap<>(key());
        item.put("failovers", AttributeValue.fromL(list));
        item.put("updated_at", AttributeValue.fromS(updatedAt.toString()));
        return item;
    }

    public static List<ActiveFailover> failovers(Map<String, AttributeValue> item) {
        if (item == null || !item.containsKey("failovers")) {
            return List.of();
        }
        List<ActiveFailover> out = new ArrayList<>();
        for (AttributeValue v : item.get("failovers").l()) {
            Map<String, AttributeValue> m = v.m();
            out.add(new ActiveFailover(
                    m.get("rule_id").s(),
                    m.get("primary_model").s(),
                    m.get("fallback_model").s(),
                    Instant.parse(m.get("until").s())));
        }
        return List.copyOf(out);
    }
}
