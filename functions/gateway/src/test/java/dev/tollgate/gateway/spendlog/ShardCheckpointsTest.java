package dev.tollgate.gateway.spendlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardCheckpointsTest {
    private static final String STREAM =
            "arn:aws:dynamodb:ddblocal:000000000000:table/tollgate/stream/2025-05-01T00:00:00.000";

    @Test
    void save_thenLoad_givesThePositionsBack(@TempDir Path dir) {
        Path file = dir.resolve("nested/checkpoints.properties");
        ShardCheckpoints first = new ShardCheckpoints(STREAM, file);
        first.put("shardId-1", "000000000000000000042");
        first.save();

        assertEquals("000000000000000000042", new ShardCheckpoints(STREAM, file).get("shardId-1"));
    }

    @Test
    void load_positionsOfAnotherStream_areIgnored(@TempDir Path dir) {
        // A recreated table has a new stream whose shards restart their sequence numbers.
        Path file = dir.resolve("checkpoints.properties");
        ShardCheckpoints old = new ShardCheckpoints(STREAM, file);
        old.put("shardId-1", "42");
        old.save();

        assertNull(new ShardCheckpoints(STREAM.replace("2025-05-01", "2025-06-01"), file).get("shardId-1"));
    }

    @Test
    void withoutAFile_keepsPositionsInMemoryOnly() {
        ShardCheckpoints memory = new ShardCheckpoints(STREAM, null);
        memory.put("s", "1");
        memory.save();

        assertEquals("1", memory.get("s"));
    }
}
