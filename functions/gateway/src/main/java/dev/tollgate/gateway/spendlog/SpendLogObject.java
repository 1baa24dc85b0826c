package dev.tollgate.gateway.spendlog;

import java.util.List;

/**
 * One S3 object the shipper writes: gzip JSON lines of one hour.
 *
 * @param key             {@code spend-logs/dt=YYYY-MM-DD/hour=HH/<shardId>-<firstSequenceNumber>.json.gz}
 * @param gzipBody        the gzip-compressed lines, each ending with {@code \n}
 * @param sequenceNumbers the stream positions of the lines, in line order
 */
public record SpendLogObject(String key, byte[] gzipBody, List<String> sequenceNumbers) {

    /** Copies the list. */
    public SpendLogObject {
        sequenceNumbers = List.copyOf(sequenceNumbers);
    }

    /** How many lines it holds. */
    public int lines() {
        return sequenceNumbers.size();
    }
}
