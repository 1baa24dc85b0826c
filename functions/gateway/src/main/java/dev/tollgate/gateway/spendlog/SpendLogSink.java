package dev.tollgate.gateway.spendlog;

/**
 * Where spend-log objects go: S3 on AWS and locally ({@link S3SpendLogSink}), memory or files in tests.
 * Writing a key again replaces the object (the shipper relies on that for idempotent retries).
 */
public interface SpendLogSink {

    /**
     * Stores one object, replacing any object under the same key.
     *
     * @param key      e.g. {@code spend-logs/dt=2025-05-01/hour=13/shard-42.json.gz}
     * @param gzipBody gzip-compressed JSON lines
     * @throws RuntimeException when the object could not be stored
     */
    void write(String key, byte[] gzipBody);
}
