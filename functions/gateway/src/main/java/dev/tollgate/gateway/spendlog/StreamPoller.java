package dev.tollgate.gateway.spendlog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Runs the shipper locally by polling a DynamoDB (Local) stream, as Lambda's event source does on AWS.
 * Each shard is read from TRIM_HORIZON the first time, then from where the last poll stopped (kept in
 * memory and, optionally, in a small file). Items go through the same {@link SpendLogShipper#ship};
 * a bad record is logged and skipped (there is no dead-letter queue locally); when an object cannot
 * be written, the shard is re-read from the failed segment's first record on the next poll, which
 * rewrites the same objects.
 */
public final class StreamPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPoller.class);
    private static final int PAGE_LIMIT = 1000;
    private static final int MAX_PAGES_PER_SHARD = 20;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final SpendLogShipper shipper;
    private final ShardCheckpoints checkpoints;
    private final Map<String, String> iterators = new HashMap<>();
    private final Map<String, String> retryAt = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private ScheduledExecutorService executor;

    /**
     * @param checkpointFile where to keep the positions across restarts; null keeps them in memory only
     */
    public StreamPoller(DynamoDbStreamsClient streams, String streamArn, SpendLogShipper shipper, Path checkpointFile) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.shipper = shipper;
        this.checkpoints = new ShardCheckpoints(streamArn, checkpointFile);
    }

    /** Reads every shard up to its current end (or a page limit) and ships; returns the lines written. */
    public synchronized int pollOnce() {
        List<Shard> shards = shards();
        Set<String> present = new HashSet<>();
        shards.forEach(s -> present.add(s.shardId()));
        int lines = 0;
        for (Shard shard : shards) {
            String parent = shard.parentShardId();
            boolean parentPending = parent != null && present.contains(parent) && !finished.contains(parent);
            if (!finished.contains(shard.shardId()) && !parentPending) {
                lines += pollShard(shard.shardId());
            }
        }
        checkpoints.save();
        return lines;
    }

    /** Polls every {@code interval} on a daemon thread until {@link #stop()}. */
    public synchronized void start(Duration interval) {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "spend-log-stream-poller");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling, letting a poll in progress finish (up to 10 s). */
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void pollQuietly() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            LOG.warn("spend-log stream poll failed; retrying at the next poll: {}", e.toString());
        }
    }

    private int pollShard(String shardId) {
        String iterator = iterators.remove(shardId);
        int lines = 0;
        for (int page = 0; page < MAX_PAGES_PER_SHARD; page++) {
            if (iterator == null) {
                iterator = newIterator(shardId);
            }
            GetRecordsResponse response;
            try {
                response = streams.getRecords(GetRecordsRequest.builder()
                        .shardIterator(iterator)
                        .limit(PAGE_LIMIT)
                        .build());
            } catch (ExpiredIteratorException e) {
                iterator = null;
                continue;
            }
            List<software.amazon.awssdk.services.dynamodb.model.Record> records = response.records();
            if (!records.isEmpty()) {
                ShipResult result = shipper.ship(spendLogItems(shardId, records));
                lines += result.linesWritten();
                if (!result.unwritten().isEmpty()) {
                    retryAt.put(shardId, result.unwritten().get(0));
                    return lines;
                }
                checkpoints.put(
                        shardId, records.get(records.size() - 1).dynamodb().sequenceNumber());
            }
            iterator = response.nextShardIterator();
            if (iterator == null) {
                finished.add(shardId);
                return lines;
            }
            if (records.isEmpty()) {
                break;
            }
        }
        iterators.put(shardId, iterator);
        return lines;
    }

    private String newIterator(String shardId) {
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shardId);
        String retry = retryAt.remove(shardId);
        String done = checkpoints.get(shardId);
        if (retry != null) {
            request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(retry);
        } else if (done != null) {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(done);
        } else {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        }
        try {
            return streams.getShardIterator(request.build()).shardIterator();
        } catch (RuntimeException e) {
            if (retry == null && done == null) {
                throw e;
            }
            LOG.warn(
                    "cannot resume shard {} at {}; reading it from the start: {}",
                    shardId,
                    retry != null ? retry : done,
                    e.toString());
            return streams.getShardIterator(GetShardIteratorRequest.builder()
                            .streamArn(streamArn)
                            .shardId(shardId)
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON)
                            .build())
                    .shardIterator();
        }
    }

    private List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            DescribeStreamResponse response = streams.describeStream(DescribeStreamRequest.builder()
                    .streamArn(streamArn)
                    .exclusiveStartShardId(start)
                    .build());
            shards.addAll(response.streamDescription().shards());
            start = response.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    /** INSERTs and MODIFYs of {@code LOG#} items among SDK stream records, as the shipper takes them. */
    static List<StreamItem> spendLogItems(
            String shardId, List<software.amazon.awssdk.services.dynamodb.model.Record> records) {
        List<StreamItem> items = new ArrayList<>();
        for (software.amazon.awssdk.services.dynamodb.model.Record record : records) {
            var change = record.dynamodb();
            if (change == null || !DynamodbEventItems.isInsertOrModify(record.eventNameAsString())) {
                continue;
            }
            AttributeValue pk = change.hasKeys() ? change.keys().get("pk") : null;
            if (pk == null || pk.s() == null || !pk.s().startsWith(SpendLogShipper.LOG_PREFIX)) {
                continue;
            }
            AttributeValue line = change.hasNewImage() ? change.newImage().get(SpendLogShipper.RECORD_ATTRIBUTE) : null;
            items.add(new StreamItem(shardId, change.sequenceNumber(), line == null ? null : line.s()));
        }
        return items;
    }
}
