package dev.tollgate.gateway.storage;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where the gateway keeps its state. On AWS the CDK stack sets the table and bucket names; locally
 * {@code ./tollgate local} also sets endpoints pointing at DynamoDB Local and S3Proxy.
 */
@ConfigurationProperties("tollgate.storage")
public interface StorageSettings {

    /** The DynamoDB table (budget counters, keys, reservations, log items); null = none configured. */
    @Nullable
    String getTable();

    /** The S3 bucket for spend logs; null = none configured. */
    @Nullable
    String getBucket();

    /** Region of both; defaults to the Lambda's {@code AWS_REGION}. */
    @Nullable
    String getRegion();

    /** Endpoint override for DynamoDB (local stand-in). */
    @Nullable
    String getDynamodbEndpoint();

    /** Endpoint override for S3 (local stand-in). */
    @Nullable
    String getS3Endpoint();
}
