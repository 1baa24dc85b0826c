package dev.tollgate.gateway.storage;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The one table of docs/architecture.md §3, as the local runtime and the tests create it; the CDK stack
 * mirrors it. Keys {@code pk}/{@code sk} (strings), on demand, stream with new and old images, TTL
 * on {@code ttl}, and the sparse index {@code gsi1} ({@code gsi1pk}/{@code gsi1sk}, all attributes)
 * through which the sweeper finds expired reservations.
 */
public final class TableDefinition {
    /** Partition key attribute. */
    public static final String PK = "pk";
    /** Sort key attribute. */
    public static final String SK = "sk";
    /** The sweeper's index. */
    public static final String GSI1 = "gsi1";
    /** Partition key of {@link #GSI1}. */
    public static final String GSI1_PK = "gsi1pk";
    /** Sort key of {@link #GSI1}. */
    public static final String GSI1_SK = "gsi1sk";
    /** Epoch seconds after which DynamoDB may delete an item. */
    public static final String TTL = "ttl";

    private TableDefinition() {}

    /** The table: pk/sk, on demand, stream NEW_AND_OLD_IMAGES, and {@code gsi1} with projection ALL. */
    public static CreateTableRequest createTableRequest(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(string(PK), string(SK), string(GSI1_PK), string(GSI1_SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                        .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(GSI1)
                        .keySchema(key(GSI1_PK, KeyType.HASH), key(GSI1_SK, KeyType.RANGE))
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .build())
                .build();
    }

    /** Turns on TTL on {@link #TTL} (a separate call after the table is active). */
    public static UpdateTimeToLiveRequest timeToLiveRequest(String tableName) {
        return UpdateTimeToLiveRequest.builder()
                .tableName(tableName)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName(TTL))
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
