package dev.tollgate.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * Creates, on the stand-ins, what the CDK stack creates on AWS: the one table (pk/sk, on-demand,
 * stream with new and old images) and the spend-log bucket. Idempotent, so a second start keeps data.
 */
final class LocalResources {
    static final String TABLE = "tollgate";
    static final String BUCKET = "tollgate-spend-logs";

    private LocalResources() {
    }

    static void ensureTable(DynamoDbClient dynamo) {
        try {
            dynamo.createTable(CreateTableRequest.builder()
                    .tableName(TABLE)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                    .streamSpecification(StreamSpecification.builder()
                            .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                    .build());
        } catch (ResourceInUseException alreadyThere) {
            // kept from an earlier start
        }
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
