package dev.tollgate.analytics.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Failover alerts on the alerts topic, with the message attributes of the budget and SLA alerts:
 * {@code alert_type} ({@code failover_activated|failover_extended|failover_ended}), {@code scope} ({@code sla}),
 * {@code model} (the primary) and {@code fallback_model}.
 */
public final class SnsFailoverAlerts implements FailoverAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SnsClient sns;
    private final String topicArn;

    public SnsFailoverAlerts(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(String type, FailoverRule rule, String reason) {
        sns.publish(b -> b.topicArn(topicArn)
                .subject(subject(type, rule))
                .message(text(type, rule, reason) + "\n\n" + json(type, rule, reason))
                .messageAttributes(attributes(type, rule)));
    }

    static String subject(String type, FailoverRule r) {
        String what = switch (type) {
            case ACTIVATED -> "Failover on: ";
            case EXTENDED -> "Failover extended: ";
            default -> "Failover ended: ";
        };
        String s = what + r.primaryModel() + " → " + r.fallbackModel();
        return s.length() > 100 ? s.substring(0, 99) + "…" : s; // SNS subjects are at most 100 characters
    }

    public static String text(String type, FailoverRule r, String reason) {
        return switch (type) {
            case ACTIVATED ->
                "Calls for " + r.primaryModel() + " now go to " + r.fallbackModel() + " until " + r.activeUntil()
                        + " (rule " + r.id() + "): " + reason + ".";
            case EXTENDED ->
                "Calls for " + r.primaryModel() + " keep going to " + r.fallbackModel() + " until " + r.activeUntil()
                        + " (rule " + r.id() + "): " + reason + ".";
            default -> "Calls for " + r.primaryModel() + " return to it (rule " + r.id() + "): " + reason + ".";
        };
    }

    static String json(String type, FailoverRule r, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("alert_type", type);
        payload.put("scope", "sla");
        payload.put("reason", reason);
        payload.put("rule", FailoverRules.view(r));
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, MessageAttributeValue> attributes(String type, FailoverRule r) {
        Map<String, MessageAttributeValue> a = new LinkedHashMap<>();
        a.put("alert_type", string(type));
        a.put("scope", string("sla"));
        a.put("model", string(r.primaryModel()));
        a.put("fallback_model", string(r.fallbackModel()));
        return a;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
