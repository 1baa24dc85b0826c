package dev.tollgate.gateway.spendlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The last sequence number shipped per shard of one stream, in memory and, when given a file, on
 * disk (a properties file, replaced atomically), so a restarted local gateway resumes where it
 * stopped. Positions of another stream (a recreated table) in the file are ignored.
 */
final class ShardCheckpoints {

    private static final String STREAM_KEY = "stream";

    private final String streamArn;
    private final Path file;
    private final Map<String, String> positions = new HashMap<>();

    /** Loads what {@code file} holds for {@code streamArn}; {@code file} may be null (memory only). */
    ShardCheckpoints(String streamArn, Path file) {
        this.streamArn = streamArn;
        this.file = file;
        if (file != null && Files.exists(file)) {
            Properties stored = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                stored.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read stream checkpoints " + file, e);
            }
            if (streamArn.equals(stored.getProperty(STREAM_KEY))) {
                stored.stringPropertyNames().stream()
                        .filter(k -> !STREAM_KEY.equals(k))
                        .forEach(k -> positions.put(k, stored.getProperty(k)));
            }
        }
    }

    /** The last sequence number shipped from {@code shardId}, or null. */
    String get(String shardId) {
        return positions.get(shardId);
    }

    /** Records that everything up to {@code sequenceNumber} in {@code shardId} is done. */
    void put(String shardId, String sequenceNumber) {
        positions.put(shardId, sequenceNumber);
    }

    /** Writes the positions to the file, if there is one. */
    void save() {
        if (file == null) {
            return;
        }
        Properties stored = new Properties();
        stored.setProperty(STREAM_KEY, streamArn);
        positions.forEach(stored::setProperty);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                stored.store(out, "Tollgate spend-log shipper: last sequence number shipped per shard");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stream checkpoints " + file, e);
        }
    }
}
