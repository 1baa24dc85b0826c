package dev.tollgate.athena;

import dev.tollgate.gateway.spendlog.SequencedRecord;
import dev.tollgate.gateway.spendlog.SpendLogBatchWriter;
import dev.tollgate.gateway.spendlog.SpendLogObject;
import dev.tollgate.gateway.spendlog.SpendLogRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes records the way the shipper does, into a directory laid out like the bucket
 * ({@code spend-logs/dt=…/hour=…/<shard>-<first sequence>.json.gz}): in stream order (by end time),
 * spread over two shards, in batches of up to 1,000 as Lambda delivers them, through the real
 * {@link SpendLogBatchWriter}.
 */
final class LocalS3Layout {
    static final int BATCH = 1_000;
    private static final String[] SHARDS = {
        "shardId-00000001746057600000-4f1e2a3b", "shardId-00000001746057600000-9c8d7e6f"
    };

    private LocalS3Layout() {}

    /** Writes every record under {@code root}; returns how many objects were written. */
    static int write(List<SpendLogRecord> records, Path root) {
        List<SpendLogRecord> streamOrder = new ArrayList<>(records);
        streamOrder.sort(Comparator.comparing(SpendLogRecord::endTime).thenComparing(SpendLogRecord::requestId));
        SpendLogBatchWriter writer = new SpendLogBatchWriter();
        int objects = 0;
        long sequence = 100_000_000_000L;
        for (int s = 0; s < SHARDS.length; s++) {
            List<SequencedRecord> shard = new ArrayList<>();
            for (SpendLogRecord r : streamOrder) {
                if (Math.floorMod(r.requestId().hashCode(), SHARDS.length) == s) {
                    shard.add(new SequencedRecord("4" + String.format("%020d", sequence++), r));
                }
            }
            for (int from = 0; from < shard.size(); from += BATCH) {
                for (SpendLogObject object :
                        writer.write(SHARDS[s], shard.subList(from, Math.min(shard.size(), from + BATCH)))) {
                    store(root.resolve(object.key()), object.gzipBody());
                    objects++;
                }
            }
        }
        return objects;
    }

    private static void store(Path file, byte[] body) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
