package dev.tollgate.gateway.alerts;

import dev.tollgate.gateway.storage.TableDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * {@link AlertStore} on the one table ({@link AlertItems} for the item shapes). A claim is one
 * conditional {@code PutItem} of the alert's marker; DynamoDB serializes writes to one item, so exactly
 * one of any number of concurrent claims succeeds. Listing reads one {@code gsi1} partition.
 */
public class DynamoDbAlertStore implements AlertStore {
    private static final int MAX_WRITE_ROUNDS = 5;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration history;

    /**
     * @param history how long fired alerts stay listable (the listing items' TTL)
     */
    public DynamoDbAlertStore(DynamoDbClient dynamo, String table, Duration history) {
        this.dynamo = dynamo;
        this.table = table;
        this.history = history;
    }

    @Override
    public boolean claim(AlertEvent event) {
        try {
            dynamo.putItem(b ->
                    b.tableName(table).item(AlertItems.marker(event)).conditionExpression(AlertItems.CLAIM_CONDITION));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void record(AlertEvent event) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String audience : AlertItems.audiences(event)) {
            writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder()
                            .item(AlertItems.listing(event, audience, history))
                            .build())
                    .build());
        }
        Map<String, List<WriteRequest>> pending = Map.of(table, writes);
        for (int round = 1; !pending.isEmpty(); round++) {
            if (round > MAX_WRITE_ROUNDS) {
                throw new IllegalStateException(
                        "alert " + event.alertId() + " listing not stored: DynamoDB kept returning unprocessed items");
            }
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    @Override
    public List<AlertEvent> recent(String teamId, String userId, int limit) {
        String audience =
                teamId != null ? AlertItems.team(teamId) : userId != null ? AlertItems.user(userId) : AlertItems.ALL;
        boolean filterUser = teamId != null && userId != null;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AlertItems.s(AlertItems.gsiPk(audience)));
        if (filterUser) {
            values.put(":u", AlertItems.s(userId));
        }
        List<AlertEvent> events = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder query = QueryRequest.builder()
                    .tableName(table)
                    .indexName(TableDefinition.GSI1)
                    .keyConditionExpression("gsi1pk = :p")
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .exclusiveStartKey(start)
                    .limit(filterUser ? 100 : limit - events.size());
            if (filterUser) {
                query.filterExpression("user_id = :u");
            }
            QueryResponse page = dynamo.query(query.build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (events.size() < limit) {
                    events.add(AlertItems.event(item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && events.size() < limit);
        return events;
    }
}
