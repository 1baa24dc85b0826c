package dev.tollgate.gateway.testing;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A call's spend-log line, read from its {@code LOG#} item. A stream is settled after its last byte has
 * been written (docs/decisions.md), so its line may land just after the client has read the body: wait
 * for it (it takes milliseconds; the deadline is for a machine far busier than usual).
 */
public final class LoggedLines {
    private LoggedLines() {}

    /** The line's JSON text; fails after 30 s without one. */
    public static String await(DynamoDbClient dynamo, String table, String requestId) {
        for (int attempt = 0; attempt < 600; attempt++) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                            .consistentRead(true)
                            .key(Map.of(
                                    "pk",
                                    AttributeValue.fromS("LOG#" + requestId),
                                    "sk",
                                    AttributeValue.fromS("META"))))
                    .item();
            if (item != null && item.containsKey("record")) {
                return item.get("record").s();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no spend-log line for " + requestId + " within 30 s");
    }
}
