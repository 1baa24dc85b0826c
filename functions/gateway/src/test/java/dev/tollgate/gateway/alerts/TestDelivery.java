package dev.tollgate.gateway.alerts;

/** {@link AlertDelivery} by hand, for building clients and publishers outside a context. */
public record TestDelivery(
        String getTopicArn,
        String getSnsEndpoint,
        String getRegion,
        String getWebhookUrl,
        int getPublishAttempts,
        long getRetryBaseMillis)
        implements AlertDelivery {

    public static TestDelivery sns(FakeSns fake) {
        return new TestDelivery(FakeSns.TOPIC, fake.endpoint(), null, null, 3, 1);
    }
}
