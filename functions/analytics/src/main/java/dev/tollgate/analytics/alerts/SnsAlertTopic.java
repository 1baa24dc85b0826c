package dev.tollgate.analytics.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tollgate.gateway.alerts.AlertMessages;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The alerts topic, as the analytics alerts publish to it: a subject shorter than 100 characters, a message
 * of the text, a blank line and a JSON payload, and string message attributes subscribers filter by.
 */
public final class SnsAlertTopic {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertTopic(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** Publishes {@code text}, a blank line and {@code json}, with {@code subject} and {@code attributes}. */
    public void publish(String subject, String text, String json, Map<String, MessageAttributeValue> attributes) {
        sns.publish(b -> b.topicArn(topicArn)
                .subject(subject)
                .message(text + "\n\n" + json)
                .messageAttributes(attributes));
    }

    /**
     * {@code s} as an SNS subject, which must be shorter than 100 characters: the gateway's trimming
     * ({@link AlertMessages#subject(String)}: control characters removed, cut with {@code ...}).
     */
    public static String subject(String s) {
        return AlertMessages.subject(s);
    }

    /** The payload as JSON. */
    public static String json(Map<String, Object> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** String message attributes, in the order given. */
    public static Map<String, MessageAttributeValue> attributes(Map<String, String> values) {
        Map<String, MessageAttributeValue> a = new LinkedHashMap<>();
        values.forEach((name, value) -> a.put(
                name,
                MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue(value)
                        .build()));
        return a;
    }
}
