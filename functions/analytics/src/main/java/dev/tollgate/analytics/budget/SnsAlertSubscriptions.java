package dev.tollgate.analytics.budget;

import java.util.Locale;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * E-mail subscriptions to the alert topic, filtered on the attributes every alert carries
 * ({@link dev.tollgate.gateway.alerts.SnsAlertPublisher}): {@code scope} (a customer budget's alerts have
 * scope {@code end_user}) and {@code scope_id}, the id the alert names (for a key, its stable key id).
 */
public final class SnsAlertSubscriptions implements AlertSubscriptions {
    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertSubscriptions(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** The filter policy of a budget's subscription: {@code {"scope":["team"],"scope_id":["ml"]}}. */
    static String filterPolicy(String entityType, String scopeId) {
        String scope = entityType.equals("customer") ? "end_user" : entityType.toLowerCase(Locale.ROOT);
        return "{\"scope\":[\"" + json(scope) + "\"],\"scope_id\":[\"" + json(scopeId) + "\"]}";
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public void subscribe(String email, String entityType, String scopeId) {
        sns.subscribe(b -> b.topicArn(topicArn)
                .protocol("email")
                .endpoint(email)
                .attributes(java.util.Map.of("FilterPolicy", filterPolicy(entityType, scopeId))));
    }
}
