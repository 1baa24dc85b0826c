package dev.tollgate.gateway.spendlog;

import java.util.List;

/**
 * One S3 object the shipper writes: gzip JSON lines of one hour.
 *
 * @param key             {@code spend-logs/dt=YYYY-MM-DD/hour=HH/<shardId>-<firstSequenceNumber>.json.gz}
 * @param gzipBody        the gzip-compressed lines, each ending with {@code \n}
 * @param sequenceNumbers the stream positions of the lines, in line order
 * @param records         the lines' records, in line order (what {@link SpendLogObserver}s are given)
 */
public record SpendLogObject(String key, byte[] gzipBody, List<String> sequenceNumbers, List<SpendLogRecord> records) {

    /** Copies the lists. */
    public SpendLogObject {
        sequenceNumbers = List.copyOf(sequenceNumbers);
        records = List.copyOf(records);
    }

    /** How many lines it holds. */
    public int lines() {
        return sequenceNumbers.size();
    }
}
