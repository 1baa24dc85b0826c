package dev.tollgate.gateway.budget;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Counts what a ledger asks of its store: requests made (every attempt, reads included) and the
 * write capacity units the store reported ({@code ReturnConsumedCapacity = TOTAL}). Capacity units
 * are not money, so a double is fine here. Thread-safe.
 */
public final class LedgerMetrics {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong capacityReports = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final DoubleAdder writeUnits = new DoubleAdder();
    private volatile double lastWriteUnits;

    /** Notes one request; {@code consumedWriteUnits} is null when the store reported none. */
    void record(Double consumedWriteUnits) {
        requests.incrementAndGet();
        if (consumedWriteUnits != null) {
            capacityReports.incrementAndGet();
            writeUnits.add(consumedWriteUnits);
            lastWriteUnits = consumedWriteUnits;
        }
    }

    /** Notes a transaction retried because another held one of its items (or throttling). */
    void recordRetry() {
        retries.incrementAndGet();
    }

    /** Transactions retried after a conflict or throttling (each retry is also a request). */
    public long retries() {
        return retries.get();
    }

    /** Requests sent to the store so far. */
    public long requests() {
        return requests.get();
    }

    /** How many responses carried consumed capacity (DynamoDB Local may report none). */
    public long capacityReports() {
        return capacityReports.get();
    }

    /** Write capacity units reported so far. */
    public double writeUnits() {
        return writeUnits.sum();
    }

    /** Write capacity units of the last response that reported any. */
    public double lastWriteUnits() {
        return lastWriteUnits;
    }
}
