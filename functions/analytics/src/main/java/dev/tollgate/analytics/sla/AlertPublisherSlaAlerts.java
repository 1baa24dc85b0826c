package dev.tollgate.analytics.sla;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.alerts.AlertMessage;
import dev.tollgate.gateway.alerts.AlertPublisher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SLA alerts through the gateway's {@link AlertPublisher}, as the budget alerts go: on AWS the alerts topic
 * (one message per protocol, retried), locally the console and the webhook. Message attributes
 * {@code alert_type} ({@code sla_violation} / {@code sla_resolved}), {@code scope} ({@code sla}),
 * {@code scope_id} (the model; {@code *} when the violation names none), {@code provider} and {@code model}.
 */
public final class AlertPublisherSlaAlerts implements SlaAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertPublisher publisher;

    /** {@code publisher} never throws: the application's one (console, then SNS or the webhook, each retried). */
    public AlertPublisherSlaAlerts(AlertPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void send(String type, SlaStore.Violation v) {
        publisher.publish(message(type, v));
    }

    static AlertMessage message(String type, SlaStore.Violation v) {
        String text = text(type, v);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("alert_type", type);
        attributes.put("scope", "sla");
        attributes.put("scope_id", AlertMessage.slaScopeId(v.model()));
        attributes.put("provider", v.provider());
        attributes.put("model", v.model());
        String id = "sla-" + v.id() + "-" + type;
        return new AlertMessage(
                id, type, subject(type, v), type + " " + id + ": " + text, text, json(type, v), attributes);
    }

    static String subject(String type, SlaStore.Violation v) {
        return (type.equals("sla_violation") ? "SLA violated: " : "SLA resolved: ") + v.definitionName() + " — "
                + v.provider() + "/" + v.model() + " " + v.metric();
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
            throw new IllegalStateException("SLA alert payload not serializable", e);
        }
    }
}
