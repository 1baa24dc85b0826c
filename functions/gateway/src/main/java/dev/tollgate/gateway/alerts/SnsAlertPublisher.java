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
 * The one SNS publisher: every alert, the gateway's budget alerts and the control plane's (forecast
 * overrun, chargeback ready, SLA and failover), goes to the topic here, as an {@link AlertMessage}, with
 * {@code MessageStructure=json}, so each protocol gets what it can use (docs/alerts.md):
 * <ul>
 *   <li>{@code default} and {@code email}: the readable text, a {@code -- JSON --} line, then the JSON payload;</li>
 *   <li>{@code sqs}, {@code lambda}, {@code http}, {@code https}, {@code firehose}: the JSON payload alone.</li>
 * </ul>
 * The subject is the message's one line, shorter than SNS's 100 characters ({@link AlertMessages#subject(String)}).
 * Message attributes (all String) are the message's: {@code alert_type}, {@code scope}, {@code scope_id} on every
 * alert (a budget's {@code alert_email} is subscribed on {@code scope} and {@code scope_id}), then the others it
 * has ({@code team_id}, {@code user_id}; {@code provider}, {@code model}, {@code fallback_model}). Throws on
 * failure; {@link RetryingAlertPublisher} retries.
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
        publish(AlertMessage.of(event));
    }

    @Override
    public void publish(AlertMessage message) {
        sns.publish(b -> b.topicArn(topicArn)
                .subject(message.subject())
                .messageStructure("json")
                .message(envelope(message))
                .messageAttributes(attributes(message)));
    }

    /** The per-protocol message: {@code {"default": text+JSON, "email": text+JSON, "sqs": JSON, ...}}. */
    static String envelope(AlertMessage message) {
        ObjectNode envelope = JSON.createObjectNode();
        String readable = message.textWithJson();
        envelope.put("default", readable);
        envelope.put("email", readable);
        MACHINE_PROTOCOLS.forEach(p -> envelope.put(p, message.json()));
        try {
            return JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("SNS envelope not serializable", e);
        }
    }

    /** The message's attributes as SNS String attributes, in its order. */
    static Map<String, MessageAttributeValue> attributes(AlertMessage message) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        message.attributes()
                .forEach((name, value) -> attributes.put(
                        name,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(value)
                                .build()));
        return attributes;
    }

    @Override
    public String toString() {
        return "sns " + topicArn;
    }
}
