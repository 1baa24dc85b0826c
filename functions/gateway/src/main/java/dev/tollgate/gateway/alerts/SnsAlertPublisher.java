package dev.tollgate.gateway.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes an alert to an SNS topic with {@code MessageStructure=json}, so each protocol gets what
 * it can use (docs/alerts.md):
 * <ul>
 *   <li>{@code default} and {@code email}: the readable text, a {@code -- JSON --} line, then the JSON payload;</li>
 *   <li>{@code sqs}, {@code lambda}, {@code http}, {@code https}, {@code firehose}: the JSON payload alone.</li>
 * </ul>
 * The subject is the one-line {@link AlertMessages#subject} (used by e-mail). Message attributes
 * {@code alert_type}, {@code scope}, {@code scope_id} (the budget's id: team id, user id, the key's stable
 * id, end user, tag, {@code global}) and, when known, {@code team_id} and {@code user_id} (all String) let
 * subscribers filter (a budget's {@code alert_email} is subscribed on {@code scope} and {@code scope_id}). Throws on failure; {@link RetryingAlertPublisher} retries.
 */
public class SnsAlertPublisher implements AlertPublisher {
    /** Protocols that receive the bare JSON payload. */
    static final List<String> MACHINE_PROTOCOLS = List.of("sqs", "lambda", "http", "https", "firehose");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(AlertEvent event) {
        sns.publish(b -> b.topicArn(topicArn)
                .subject(AlertMessages.subject(event))
                .messageStructure("json")
                .message(envelope(event))
                .messageAttributes(attributes(event)));
    }

    /** The per-protocol message: {@code {"default": text+JSON, "email": text+JSON, "sqs": JSON, ...}}. */
    static String envelope(AlertEvent event) {
        ObjectNode envelope = JSON.createObjectNode();
        String readable = AlertMessages.textWithJson(event);
        envelope.put("default", readable);
        envelope.put("email", readable);
        String payload = AlertMessages.json(event);
        MACHINE_PROTOCOLS.forEach(p -> envelope.put(p, payload));
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SNS envelope not serializable", e);
        }
    }

    /** {@code alert_type}, {@code scope}, {@code scope_id}, and {@code team_id} / {@code user_id} when the alert has them. */
    static Map<String, MessageAttributeValue> attributes(AlertEvent event) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("alert_type", string(event.type().code()));
        attributes.put("scope", string(event.scopeCode()));
        attributes.put("scope_id", string(event.id()));
        if (event.teamId() != null && !event.teamId().isBlank()) {
            attributes.put("team_id", string(event.teamId()));
        }
        if (event.userId() != null && !event.userId().isBlank()) {
            attributes.put("user_id", string(event.userId()));
        }
        return attributes;
    }

    @Override
    public String toString() {
        return "sns " + topicArn;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
