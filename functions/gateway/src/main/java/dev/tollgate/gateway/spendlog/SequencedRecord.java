package dev.tollgate.gateway.spendlog;

import java.util.Objects;

/**
 * A record with its position in the stream it came from.
 *
 * @param sequenceNumber the stream record's sequence number
 * @param record         the parsed spend-log record
 */
public record SequencedRecord(String sequenceNumber, SpendLogRecord record) {

    /** Both are required. */
    public SequencedRecord {
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(record, "record");
    }
}
