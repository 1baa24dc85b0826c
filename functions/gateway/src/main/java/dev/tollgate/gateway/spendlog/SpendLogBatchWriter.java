package dev.tollgate.gateway.spendlog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Turns a batch of records from one stream shard into S3 objects: one gzip JSON-lines object per UTC
 * hour of {@code start_time}, keyed
 * {@code spend-logs/dt=YYYY-MM-DD/hour=HH/<shardId>-<first sequence number of the batch>.json.gz}.
 *
 * <p>Deterministic: the same batch gives the same keys and the same bytes (lines in batch order, a
 * gzip header without a time stamp), so a retried batch overwrites its objects instead of adding
 * duplicate lines. Objects come out in key order.
 */
public final class SpendLogBatchWriter {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

    private final SpendLogJson json;

    /** With its own {@link SpendLogJson}. */
    public SpendLogBatchWriter() {
        this(new SpendLogJson());
    }

    /** With the given serialiser. */
    public SpendLogBatchWriter(SpendLogJson json) {
        this.json = json;
    }

    /**
     * The objects for {@code batch}, none when it is empty.
     *
     * @param shardId where the batch came from; only letters, digits, {@code .}, {@code _} and {@code -}
     *                are kept in the key
     */
    public List<SpendLogObject> write(String shardId, List<SequencedRecord> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        String name = safe(shardId) + "-" + safe(batch.get(0).sequenceNumber()) + ".json.gz";
        Map<String, List<SequencedRecord>> byPrefix = new TreeMap<>();
        for (SequencedRecord r : batch) {
            byPrefix.computeIfAbsent(partitionPrefix(r.record().startTime()), p -> new ArrayList<>())
                    .add(r);
        }
        List<SpendLogObject> objects = new ArrayList<>(byPrefix.size());
        byPrefix.forEach((prefix, records) -> objects.add(new SpendLogObject(
                prefix + name,
                gzipLines(records),
                records.stream().map(SequencedRecord::sequenceNumber).toList(),
                records.stream().map(SequencedRecord::record).toList())));
        return objects;
    }

    /** {@code spend-logs/dt=YYYY-MM-DD/hour=HH/} of a start time (UTC). */
    public static String partitionPrefix(Instant startTime) {
        return SpendLogColumns.PREFIX + "dt=" + DAY.format(startTime) + "/hour=" + HOUR.format(startTime) + "/";
    }

    private byte[] gzipLines(List<SequencedRecord> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * records.size());
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
            for (SequencedRecord r : records) {
                gzip.write(json.write(r.record()).getBytes(StandardCharsets.UTF_8));
                gzip.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "");
        if (cleaned.isEmpty()) {
            throw new IllegalArgumentException("no usable characters in key part: " + part);
        }
        return cleaned;
    }
}
