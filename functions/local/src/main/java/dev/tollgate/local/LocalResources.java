package dev.tollgate.local;

import dev.tollgate.gateway.storage.TableDefinition;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Creates, on the stand-ins, what the CDK stack creates on AWS: the one table ({@link TableDefinition}:
 * pk/sk, gsi1, stream with new and old images, TTL) and the spend-log bucket. Idempotent, so a second start keeps data.
 */
final class LocalResources {
    static final String TABLE = "tollgate";
    static final String BUCKET = "tollgate-spend-logs";

    private LocalResources() {}

    static void ensureTable(DynamoDbClient dynamo) {
        try {
            dynamo.createTable(TableDefinition.createTableRequest(TABLE));
            dynamo.updateTimeToLive(TableDefinition.timeToLiveRequest(TABLE));
        } catch (ResourceInUseException alreadyThere) {
            // kept from an earlier start
        }
    }

    /** A stream client for DynamoDB Local's stream (the local spend-log shipper polls it). */
    static DynamoDbStreamsClient streams(String endpoint) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.ACCESS_KEY)))
                .build();
    }

    static void ensureBucket(S3Client s3) {
        try {
            s3.createBucket(b -> b.bucket(BUCKET));
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // kept from an earlier start
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }
}
