package dev.tollgate.gateway.spendlog;

import java.util.List;

/**
 * Told about every spend-log object the shipper has stored, with the records it holds: the control
 * plane folds them into its rollups (the JDBC implementation lives in {@code functions/analytics}, so
 * this module carries no JDBC).
 *
 * <p>Contract: {@link #objectWritten} is called after the object is in the sink, and may be called
 * again for the same key with the same records (a retried batch rewrites its objects): an
 * implementation must make the second call a no-op. When it throws, the shipper reports the object's
 * records as unwritten, so the batch is retried and the object rewritten (idempotently) and observed again.
 */
public interface SpendLogObserver {

    /**
     * @param key     the object's key, e.g. {@code spend-logs/dt=2025-05-01/hour=13/stream-1-42.json.gz}
     * @param records the object's lines, in line order
     * @throws RuntimeException when they could not be taken in (the batch will be retried)
     */
    void objectWritten(String key, List<SpendLogRecord> records);
}
