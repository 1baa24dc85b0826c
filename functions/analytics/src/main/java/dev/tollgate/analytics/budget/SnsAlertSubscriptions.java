package dev.tollgate.analytics.budget;

import java.util.Locale;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * E-mail subscriptions to the alert topic, filtered by the attributes alerts carry ({@code scope},
 * and {@code team_id} / {@code user_id} for team and user budgets; key, end-user and tag alerts are
 * filtered by scope only, since they carry no id attribute).
 */
public final class SnsAlertSubscriptions implements AlertSubscriptions {
    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertSubscriptions(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** The filter policy of a budget's subscription. */
    static String filterPolicy(String entityType, String entityId) {
        String scope = entityType.equals("customer") ? "end_user" : entityType.toLowerCase(Locale.ROOT);
        String id = entityId.replace("\\", "\\\\").replace("\"", "\\\"");
        return switch (scope) {
            case "team" -> "{\"scope\":[\"team\"],\"team_id\":[\"" + id + "\"]}";
            case "user" -> "{\"scope\":[\"user\"],\"user_id\":[\"" + id + "\"]}";
            default -> "{\"scope\":[\"" + scope + "\"]}";
        };
    }

    @Override
    public void subscribe(String email, String entityType, String entityId) {
        sns.subscribe(b -> b.topicArn(topicArn)
                .protocol("email")
                .endpoint(email)
                .attributes(java.util.Map.of("FilterPolicy", filterPolicy(entityType, entityId))));
    }
}
