package dev.tollgate.gateway.alerts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert as every channel delivers it (SNS, webhook, console): what {@link AlertPublisher}s send. The
 * budget alerts make theirs from an {@link AlertEvent} ({@link #of}); the control plane's SLA and failover
 * alerts, which are not budget events, build theirs directly, and so go out the same way.
 *
 * @param alertId    an id for logs and for subscribers to de-duplicate on
 * @param type       the {@code alert_type}
 * @param subject    one line for people; trimmed to SNS's limit ({@link AlertMessages#subject(String)})
 * @param line       one line for the log, e.g. {@code threshold_crossed <id>: Team 'ml' has spent ...}
 * @param text       the readable body
 * @param json       the JSON payload, one line
 * @param attributes the message attributes subscription filter policies match on: {@code alert_type},
 *                   {@code scope}, {@code scope_id} on every alert, required non-blank (an alert without them
 *                   would silently stop matching the filter policies, e.g. a budget's {@code alert_email}), then
 *                   any others, of which a null or blank value is left out (SNS rejects empty attribute values)
 */
public record AlertMessage(
        String alertId,
        String type,
        String subject,
        String line,
        String text,
        String json,
        Map<String, String> attributes) {

    public AlertMessage {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(json, "json");
        subject = AlertMessages.subject(Objects.requireNonNull(subject, "subject"));
        line = line == null ? type + " " + alertId + ": " + subject : line;
        for (String required : REQUIRED_ATTRIBUTES) {
            String value = attributes.get(required);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("alert " + alertId + " (" + type + ") has no '" + required
                        + "' attribute: every alert carries " + REQUIRED_ATTRIBUTES
                        + ", which subscription filter policies match on");
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                kept.put(name, value);
            }
        });
        attributes = Collections.unmodifiableMap(kept);
    }

    /** The attributes every alert carries, non-blank: what subscription filter policies match on. */
    public static final List<String> REQUIRED_ATTRIBUTES = List.of("alert_type", "scope", "scope_id");

    /**
     * The {@code scope_id} of an SLA or failover alert ({@code scope} {@code sla}): the model, or {@code *} when the
     * alert names none (calls that reached no model), so that the attribute is never left out.
     */
    public static String slaScopeId(String model) {
        return model == null || model.isBlank() ? "*" : model;
    }

    /**
     * A budget alert's message: {@link AlertMessages}' subject, text and payload; attributes {@code alert_type},
     * {@code scope}, {@code scope_id} (the budget's id: team id, user id, the key's stable id, end user, tag,
     * {@code global}) and, when known, {@code team_id} and {@code user_id}.
     */
    public static AlertMessage of(AlertEvent event) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("alert_type", event.type().code());
        attributes.put("scope", event.scopeCode());
        attributes.put("scope_id", event.id());
        attributes.put("team_id", event.teamId());
        attributes.put("user_id", event.userId());
        return new AlertMessage(
                event.alertId(),
                event.type().code(),
                AlertMessages.subject(event),
                AlertMessages.line(event),
                AlertMessages.text(event),
                AlertMessages.json(event),
                attributes);
    }

    /** The body of channels that carry both (SNS e-mail and default): {@link #text}, a {@code -- JSON --} line, {@link #json}. */
    public String textWithJson() {
        return (text.endsWith("\n") ? text : text + "\n") + "\n-- JSON --\n" + json;
    }
}
