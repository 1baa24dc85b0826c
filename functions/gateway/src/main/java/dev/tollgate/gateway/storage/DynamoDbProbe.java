package dev.tollgate.gateway.storage;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;

/** Checks that the table exists and answers. */
@Singleton
@Requires(beans = DynamoDbClient.class)
public class DynamoDbProbe implements StorageProbe {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDbProbe(DynamoDbClient dynamo, StorageSettings settings) {
        this.dynamo = dynamo;
        this.table = settings.getTable();
    }

    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public String check() {
        try {
            dynamo.describeTable(DescribeTableRequest.builder().tableName(table).build());
            return "ok";
        } catch (RuntimeException e) {
            return "unreachable: " + e.getClass().getSimpleName();
        }
    }
}
