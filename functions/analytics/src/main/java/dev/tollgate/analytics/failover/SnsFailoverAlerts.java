package dev.tollgate.analytics.failover;

import dev.tollgate.analytics.alerts.SnsAlertTopic;
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
    private final SnsAlertTopic topic;

    public SnsFailoverAlerts(SnsClient sns, String topicArn) {
        this.topic = new SnsAlertTopic(sns, topicArn);
    }

    @Override
    public void send(String type, FailoverRule rule, String reason) {
        topic.publish(subject(type, rule), text(type, rule, reason), json(type, rule, reason), attributes(type, rule));
    }

    static String subject(String type, FailoverRule r) {
        String what = switch (type) {
            case ACTIVATED -> "Failover on: ";
            case EXTENDED -> "Failover extended: ";
            default -> "Failover ended: ";
        };
        String s = what + r.primaryModel() + " → " + r.fallbackModel();
        return SnsAlertTopic.subject(s);
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
        return SnsAlertTopic.json(payload);
    }

    static Map<String, MessageAttributeValue> attributes(String type, FailoverRule r) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("alert_type", type);
        a.put("scope", "sla");
        a.put("model", r.primaryModel());
        a.put("fallback_model", r.fallbackModel());
        return SnsAlertTopic.attributes(a);
    }
}
