package dev.tollgate.gateway.storage;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The AWS SDK clients, built once. With an endpoint override (local stand-ins) they use fixed dummy
 * credentials; on AWS they use the function's role through the default chain.
 */
@Factory
public class AwsClients {

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "tollgate.storage.table")
    public DynamoDbClient dynamoDb(StorageSettings settings, DynamoDbRequestMetrics metrics) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                // 3 attempts, not DynamoDB's default 9: an unreachable store must fail a call closed in well
                // under a second or two, and transaction conflicts are retried by the ledger itself
                .overrideConfiguration(c -> c.addExecutionInterceptor(metrics)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(3)
                                .build()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region(settings));
        if (settings.getDynamodbEndpoint() != null) {
            builder.endpointOverride(URI.create(settings.getDynamodbEndpoint())).credentialsProvider(local());
        }
        return builder.build();
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "tollgate.storage.bucket")
    public S3Client s3(StorageSettings settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(region(settings));
        if (settings.getS3Endpoint() != null) {
            builder.endpointOverride(URI.create(settings.getS3Endpoint()))
                    .forcePathStyle(true)
                    .credentialsProvider(local());
        }
        return builder.build();
    }

    private static Region region(StorageSettings settings) {
        String region = settings.getRegion();
        if (region == null || region.isBlank()) {
            region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
        }
        return Region.of(region);
    }

    /** DynamoDB Local accepts only letters and digits in access key ids. */
    private static StaticCredentialsProvider local() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("tollgatelocal", "tollgatelocal"));
    }
}
