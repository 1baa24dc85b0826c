package dev.tollgate.gateway.spendlog;

import java.util.Objects;

/**
 * A spend-log item from a DynamoDB stream, whatever read it (the Lambda event source or the local
 * {@link StreamPoller}): an INSERT or MODIFY of a {@code LOG#} item.
 *
 * @param shardId        the shard (or, for Lambda events, which do not name it, the stream label)
 * @param sequenceNumber the stream record's sequence number, the batch item id Lambda retries from
 * @param json           the item's {@code record} attribute; null when the item has none
 */
public record StreamItem(String shardId, String sequenceNumber, String json) {

    /** Shard and sequence number are required. */
    public StreamItem {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }
}
