package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.config.GatewayConfig;
import dev.tollgate.gateway.storage.StorageSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The alert beans. Publisher: the console line always, plus SNS when {@code tollgate.alerts.topic-arn}
 * is set, else the webhook when {@code tollgate.alerts.webhook-url} is; each remote channel retried
 * ({@link RetryingAlertPublisher}). Store: DynamoDB wherever the table is, else in memory.
 */
@Factory
public class AlertFactory {

    /** The SNS client, built like the other SDK clients ({@code storage/AwsClients}); the SDK's own retries are off (ours apply). */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "tollgate.alerts.topic-arn")
    public SnsClient alertsSnsClient(AlertDelivery delivery) {
        SnsClientBuilder builder = SnsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region(delivery))
                .overrideConfiguration(c ->
                        c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(Duration.ofSeconds(5)));
        if (delivery.getSnsEndpoint() != null && !delivery.getSnsEndpoint().isBlank()) {
            builder.endpointOverride(URI.create(delivery.getSnsEndpoint()))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("tollgatelocal", "tollgatelocal")));
        }
        return builder.build();
    }

    @Singleton
    public AlertPublisher alertPublisher(AlertDelivery delivery, @Nullable SnsClient sns) {
        Duration base = Duration.ofMillis(Math.max(0, delivery.getRetryBaseMillis()));
        int attempts = Math.max(1, delivery.getPublishAttempts());
        List<AlertPublisher> publishers = new ArrayList<>(List.of(new ConsoleAlertPublisher()));
        if (sns != null && present(delivery.getTopicArn())) {
            publishers.add(new RetryingAlertPublisher(
                    new SnsAlertPublisher(sns, delivery.getTopicArn().trim()), attempts, base));
        } else if (present(delivery.getWebhookUrl())) {
            publishers.add(new RetryingAlertPublisher(
                    new WebhookAlertPublisher(
                            URI.create(delivery.getWebhookUrl().trim())),
                    attempts,
                    base));
        }
        return new FanOutAlertPublisher(publishers);
    }

    @Singleton
    @Requires(beans = DynamoDbClient.class)
    public AlertStore dynamoDbAlertStore(DynamoDbClient dynamo, StorageSettings storage, GatewayConfig config) {
        return new DynamoDbAlertStore(
                dynamo,
                storage.getTable(),
                Duration.ofDays(config.settings().alertsOrDefault().history()));
    }

    @Singleton
    @Requires(missingBeans = DynamoDbClient.class)
    public AlertStore inMemoryAlertStore() {
        return new InMemoryAlertStore();
    }

    /** The explicit region, else the topic ARN's ({@code arn:aws:sns:<region>:<account>:<name>}), else {@code AWS_REGION}. */
    static Region region(AlertDelivery delivery) {
        if (present(delivery.getRegion())) {
            return Region.of(delivery.getRegion().trim());
        }
        String[] arn = delivery.getTopicArn() == null
                ? new String[0]
                : delivery.getTopicArn().split(":");
        if (arn.length >= 6 && !arn[3].isBlank()) {
            return Region.of(arn[3]);
        }
        return Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
