package dev.tollgate.gateway.alerts;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Where alerts go: deployment wiring, set by the CDK stack (environment) or {@code ./tollgate local}.
 * What fires an alert is in {@code settings.alerts} of {@code tollgate.yml} instead.
 */
@ConfigurationProperties("tollgate.alerts")
public interface AlertDelivery {

    /** The SNS topic (env {@code TOLLGATE_ALERTS_TOPIC_ARN}); when set, alerts are published there. */
    @Nullable
    String getTopicArn();

    /** SNS endpoint override (tests); with it, fixed dummy credentials are used. */
    @Nullable
    String getSnsEndpoint();

    /** The SNS client's region; default: the topic ARN's region, else {@code AWS_REGION}, else us-east-1. */
    @Nullable
    String getRegion();

    /** Without a topic: also POST each alert's JSON here (local). */
    @Nullable
    String getWebhookUrl();

    /** Delivery attempts per alert and channel (default 3). */
    @Bindable(defaultValue = "3")
    int getPublishAttempts();

    /** First retry delay in milliseconds (default 200; then 4× per attempt, with jitter). */
    @Bindable(defaultValue = "200")
    long getRetryBaseMillis();
}
