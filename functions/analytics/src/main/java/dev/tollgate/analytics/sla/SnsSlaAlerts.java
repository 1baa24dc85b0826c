package dev.tollgate.analytics.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SnsClient sns;
    private final String topicArn;

    public SnsSlaAlerts(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void send(String type, SlaStore.Violation v) {
        sns.publish(b -> b.topicArn(topicArn)
                .subject(subject(type, v))
                .message(text(type, v) + "\n\n" + json(type, v))
                .messageAttributes(attributes(type, v)));
    }

    static String subject(String type, SlaStore.Violation v) {
        String s = (type.equals("sla_violation") ? "SLA violated: " : "SLA resolved: ") + v.definitionName() + " — "
                + v.provider() + "/" + v.model() + " " + v.metric();
        return s.length() > 100 ? s.substring(0, 99) + "…" : s; // SNS subjects are at most 100 characters
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
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, MessageAttributeValue> attributes(String type, SlaStore.Violation v) {
        Map<String, MessageAttributeValue> a = new LinkedHashMap<>();
        a.put("alert_type", string(type));
        a.put("scope", string("sla"));
        a.put("provider", string(v.provider()));
        a.put("model", string(v.model()));
        return a;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
