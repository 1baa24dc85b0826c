package dev.tollgate.gateway.spendlog;

import java.util.List;

/**
 * What one {@link SpendLogShipper#ship} did.
 *
 * @param objectsWritten how many S3 objects were stored
 * @param linesWritten   how many lines they hold
 * @param badRecords     sequence numbers of items that are not valid records; retrying cannot help,
 *                       so on AWS they end in the dead-letter destination after Lambda's retries
 * @param unwritten      sequence numbers to retry because an object write failed: each failed
 *                       segment's first record (so a retry re-forms the same objects and overwrites
 *                       them) and every record of the failed objects, in stream order
 */
public record ShipResult(int objectsWritten, int linesWritten, List<String> badRecords, List<String> unwritten) {

    /** Copies the lists. */
    public ShipResult {
        badRecords = List.copyOf(badRecords);
        unwritten = List.copyOf(unwritten);
    }

    /**
     * Every item to report as a batch item failure: bad records, then unwritten ones. Lambda resumes
     * from the lowest sequence number among them, so the order does not matter.
     */
    public List<String> failedSequenceNumbers() {
        return java.util.stream.Stream.concat(badRecords.stream(), unwritten.stream())
                .distinct()
                .toList();
    }

    /** True when nothing failed. */
    public boolean complete() {
        return badRecords.isEmpty() && unwritten.isEmpty();
    }
}
