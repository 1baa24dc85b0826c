package dev.tollgate.gateway.spendlog;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships spend-log items from the table's stream to S3 as gzip JSON-lines objects, one per hour and
 * batch segment ({@link SpendLogBatchWriter}).
 *
 * <p>A batch is cut into segments at bad records (items whose {@code record} is not a valid
 * {@link SpendLogRecord}); each segment's objects are keyed by its first sequence number. Good records
 * always ship; bad ones are reported as batch item failures. Lambda then retries from the lowest
 * failure: the retried batch starts at that bad record, so the segment after it starts at the same
 * record as before and its objects overwrite the same keys: no duplicate lines, and no record waits
 * behind a bad one. When an object cannot be written, its segment's first record is reported as
 * well, so the retry re-forms the segment from its start and overwrites every object of it.
 * (This needs {@code BisectBatchOnFunctionError} off: a bisected batch starts elsewhere.)
 *
 * <p>After an object is stored, each {@link SpendLogObserver} (the control plane's rollups) is given
 * its key and records; an observer that fails counts as a failed write, so the retry rewrites the
 * object and observes it again, which the observer treats as a no-op if it had taken it in.
 */
public final class SpendLogShipper {

    /** Partition key prefix of spend-log items. */
    public static final String LOG_PREFIX = "LOG#";

    /** The item attribute that holds the JSON line. */
    public static final String RECORD_ATTRIBUTE = "record";

    private static final Logger LOG = LoggerFactory.getLogger(SpendLogShipper.class);

    private final SpendLogJson json;
    private final SpendLogBatchWriter writer;
    private final SpendLogSink sink;
    private final List<SpendLogObserver> observers;

    /** Ships with {@code writer} into {@code sink}, then tells {@code observers} about each stored object. */
    public SpendLogShipper(
            SpendLogJson json, SpendLogBatchWriter writer, SpendLogSink sink, List<SpendLogObserver> observers) {
        this.json = json;
        this.writer = writer;
        this.sink = sink;
        this.observers = List.copyOf(observers);
    }

    /** Ships with {@code writer} into {@code sink}. */
    public SpendLogShipper(SpendLogJson json, SpendLogBatchWriter writer, SpendLogSink sink) {
        this(json, writer, sink, List.of());
    }

    /** Ships with a default JSON reader and writer into {@code sink}, then tells {@code observers}. */
    public SpendLogShipper(SpendLogSink sink, List<SpendLogObserver> observers) {
        this(new SpendLogJson(), new SpendLogBatchWriter(), sink, observers);
    }

    /** Ships with a default JSON reader and writer into {@code sink}. */
    public SpendLogShipper(SpendLogSink sink) {
        this(sink, List.of());
    }

    /** The Lambda entry: ships the event's spend-log items and reports the ones to retry. */
    public StreamsEventResponse handle(DynamodbEvent event) {
        List<StreamItem> items = DynamodbEventItems.spendLogItems(event);
        ShipResult result = ship(items);
        List<StreamsEventResponse.BatchItemFailure> failures = result.failedSequenceNumbers().stream()
                .map(StreamsEventResponse.BatchItemFailure::new)
                .toList();
        LOG.info(
                "shipped {} lines in {} objects from {} stream records; {} bad, {} to retry",
                result.linesWritten(),
                result.objectsWritten(),
                event.getRecords() == null ? 0 : event.getRecords().size(),
                result.badRecords().size(),
                result.unwritten().size());
        return new StreamsEventResponse(new ArrayList<>(failures));
    }

    /**
     * Ships {@code items} (in stream order; several shards are shipped apart) and says what failed.
     * Never throws for a bad item or a failed write: those are in the result.
     */
    public ShipResult ship(List<StreamItem> items) {
        Map<String, List<StreamItem>> byShard = new LinkedHashMap<>();
        for (StreamItem item : items) {
            byShard.computeIfAbsent(item.shardId(), s -> new ArrayList<>()).add(item);
        }
        Tally tally = new Tally();
        byShard.forEach((shard, shardItems) -> shipShard(shard, shardItems, tally));
        return new ShipResult(tally.objects, tally.lines, tally.bad, new ArrayList<>(tally.unwritten));
    }

    private void shipShard(String shard, List<StreamItem> items, Tally tally) {
        List<SequencedRecord> segment = new ArrayList<>();
        for (StreamItem item : items) {
            try {
                segment.add(new SequencedRecord(item.sequenceNumber(), json.read(item.json())));
            } catch (SpendLogFormatException e) {
                LOG.error("bad spend-log item at sequence {} of {}: {}", item.sequenceNumber(), shard, e.getMessage());
                tally.bad.add(item.sequenceNumber());
                writeSegment(shard, segment, tally);
                segment = new ArrayList<>();
            }
        }
        writeSegment(shard, segment, tally);
    }

    private void writeSegment(String shard, List<SequencedRecord> segment, Tally tally) {
        if (segment.isEmpty()) {
            return;
        }
        List<SpendLogObject> objects;
        try {
            objects = writer.write(shard, segment);
        } catch (RuntimeException e) {
            LOG.error(
                    "cannot encode a segment of {} starting at {}",
                    shard,
                    segment.get(0).sequenceNumber(),
                    e);
            segment.forEach(r -> tally.unwritten.add(r.sequenceNumber()));
            return;
        }
        boolean failed = false;
        for (SpendLogObject object : objects) {
            try {
                sink.write(object.key(), object.gzipBody());
                for (SpendLogObserver observer : observers) {
                    observer.objectWritten(object.key(), object.records());
                }
                tally.objects++;
                tally.lines += object.lines();
            } catch (RuntimeException e) {
                LOG.warn("cannot write {}: {}", object.key(), e.toString());
                if (!failed) {
                    tally.unwritten.add(segment.get(0).sequenceNumber());
                    failed = true;
                }
                tally.unwritten.addAll(object.sequenceNumbers());
            }
        }
    }

    private static final class Tally {
        int objects;
        int lines;
        final List<String> bad = new ArrayList<>();
        final LinkedHashSet<String> unwritten = new LinkedHashSet<>();
    }
}
