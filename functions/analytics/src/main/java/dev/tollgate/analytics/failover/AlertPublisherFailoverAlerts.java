package dev.tollgate.analytics.failover;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.alerts.AlertMessage;
import dev.tollgate.gateway.alerts.AlertPublisher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failover alerts through the gateway's {@link AlertPublisher}, as the budget and SLA alerts go. Message
 * attributes {@code alert_type} ({@code failover_activated|failover_extended|failover_ended}), {@code scope}
 * ({@code sla}), {@code scope_id} and {@code model} (the primary) and {@code fallback_model}.
 */
public final class AlertPublisherFailoverAlerts implements FailoverAlerts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertPublisher publisher;

    /** {@code publisher} never throws: the application's one (console, then SNS or the webhook, each retried). */
    public AlertPublisherFailoverAlerts(AlertPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void send(String type, FailoverRule rule, String reason) {
        publisher.publish(message(type, rule, reason));
    }

    static AlertMessage message(String type, FailoverRule r, String reason) {
        String text = text(type, r, reason);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("alert_type", type);
        attributes.put("scope", "sla");
        attributes.put("scope_id", AlertMessage.slaScopeId(r.primaryModel()));
        attributes.put("model", r.primaryModel());
        attributes.put("fallback_model", r.fallbackModel());
        String id = "failover-" + r.id() + "-" + type + (r.activeUntil() == null ? "" : "-" + r.activeUntil());
        return new AlertMessage(
                id, type, subject(type, r), type + " " + id + ": " + text, text, json(type, r, reason), attributes);
    }

    static String subject(String type, FailoverRule r) {
        String what = switch (type) {
            case ACTIVATED -> "Failover on: ";
            case EXTENDED -> "Failover extended: ";
            default -> "Failover ended: ";
        };
        return what + r.primaryModel() + " → " + r.fallbackModel();
    }

    static String text(String type, FailoverRule r, String reason) {
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
            throw new IllegalStateException("failover alert payload not serializable", e);
        }
    }
}
