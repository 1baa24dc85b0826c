package dev.tollgate.gateway.spendlog;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Picks the spend-log items out of a Lambda DynamoDB stream event. */
final class DynamodbEventItems {

    private DynamodbEventItems() {}

    /** INSERTs and MODIFYs of {@code LOG#} items, in event order; everything else is skipped. */
    static List<StreamItem> spendLogItems(DynamodbEvent event) {
        List<StreamItem> items = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return items;
        }
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            StreamRecord change = record.getDynamodb();
            if (change == null || !isInsertOrModify(record.getEventName()) || !isLogItem(change.getKeys())) {
                continue;
            }
            Map<String, AttributeValue> image = change.getNewImage();
            AttributeValue line = image == null ? null : image.get(SpendLogShipper.RECORD_ATTRIBUTE);
            items.add(new StreamItem(
                    shardOf(record.getEventSourceARN()),
                    change.getSequenceNumber(),
                    line == null ? null : line.getS()));
        }
        return items;
    }

    static boolean isInsertOrModify(String eventName) {
        return "INSERT".equals(eventName) || "MODIFY".equals(eventName);
    }

    private static boolean isLogItem(Map<String, AttributeValue> keys) {
        AttributeValue pk = keys == null ? null : keys.get("pk");
        return pk != null && pk.getS() != null && pk.getS().startsWith(SpendLogShipper.LOG_PREFIX);
    }

    /**
     * Lambda's stream events do not name the shard: the stream label (the ARN's last part) stands in.
     * Sequence numbers are unique within a stream, so keys stay unique.
     */
    static String shardOf(String eventSourceArn) {
        if (eventSourceArn == null) {
            return "stream";
        }
        int at = eventSourceArn.lastIndexOf("/stream/");
        String label = at < 0 ? eventSourceArn : eventSourceArn.substring(at + "/stream/".length());
        String safe = label.replaceAll("[^A-Za-z0-9._-]", "");
        return safe.isEmpty() ? "stream" : "stream-" + safe;
    }
}
