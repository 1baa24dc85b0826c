package dev.tollgate.analytics.sla;

import dev.tollgate.analytics.alerts.SnsAlertTopic;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SLA alerts on the alerts topic, with the message attributes subscribers already filter the budget
 * alerts by: {@code alert_type} ({@code sla_violation} / {@code sla_resolved}) and {@code scope}
 * ({@code sla}), plus {@code provider} and {@code model}.
 */
public final class SnsSlaAlerts implements SlaAlerts {
    private final SnsAlertTopic topic;

    public SnsSlaAlerts(SnsClient sns, String topicArn) {
        this.topic = new SnsAlertTopic(sns, topicArn);
    }

    @Override
    public void send(String type, SlaStore.Violation v) {
        topic.publish(subject(type, v), text(type, v), json(type, v), attributes(type, v));
    }

    static String subject(String type, SlaStore.Violation v) {
        String s = (type.equals("sla_violation") ? "SLA violated: " : "SLA resolved: ") + v.definitionName() + " — "
                + v.provider() + "/" + v.model() + " " + v.metric();
        return SnsAlertTopic.subject(s);
    }

    static String text(String type, SlaStore.Violation v) {
        return type.equals("sla_violation")
                ? "SLA '" + v.definitionName() + "' is violated on " + v.provider() + "/" + v.model() + ": "
                        + v.metric() + " is " + SlaHealth.round(v.observed()) + " against a target of " + v.target()
                        + "."
                : "SLA '" + v.definitionName() + "' on " + v.provider() + "/" + v.model() + " (" + v.metric()
                        + ") is met again" + (v.resolvedBy() == null ? "" : " (resolved by " + v.resolvedBy() + ")")
                        + ".";
    }

    static String json(String type, SlaStore.Violation v) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("alert_type", type);
        payload.putAll(SlaService.view(v));
        return SnsAlertTopic.json(payload);
    }

    static Map<String, MessageAttributeValue> attributes(String type, SlaStore.Violation v) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("alert_type", type);
        a.put("scope", "sla");
        a.put("provider", v.provider());
        a.put("model", v.model());
        return SnsAlertTopic.attributes(a);
    }
}
