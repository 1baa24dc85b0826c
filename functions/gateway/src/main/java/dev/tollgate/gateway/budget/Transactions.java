package dev.tollgate.gateway.budget;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs {@code TransactWriteItems} with consumed capacity reported, and retries a transaction that
 * was cancelled only because another transaction held one of its items (or throttling): such a
 * cancellation wrote nothing, so trying again is safe. A cancellation with a failed condition is
 * thrown for the caller to read.
 */
final class Transactions {
    static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final List<String> TRANSIENT =
            List.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded");
    private static final int MAX_ATTEMPTS = 40;
    private static final long MAX_BACKOFF_MILLIS = 64;

    private final DynamoDbClient dynamo;
    private final LedgerMetrics metrics;

    Transactions(DynamoDbClient dynamo, LedgerMetrics metrics) {
        this.dynamo = dynamo;
        this.metrics = metrics;
    }

    void write(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                TransactWriteItemsResponse response = dynamo.transactWriteItems(
                        b -> b.transactItems(items).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                metrics.record(writeUnits(response.consumedCapacity()));
                return;
            } catch (TransactionCanceledException e) {
                metrics.record(null);
                if (!onlyTransient(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                metrics.recordRetry();
                pause(attempt);
            }
        }
    }

    /** Whether the item at {@code index} of the cancelled transaction failed its condition. */
    static boolean conditionFailed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return index < reasons.size()
                && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    private static boolean onlyTransient(TransactionCanceledException e) {
        boolean any = false;
        for (CancellationReason reason : e.cancellationReasons()) {
            String code = reason.code();
            if (code == null || "None".equals(code)) {
                continue;
            }
            if (!TRANSIENT.contains(code)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static Double writeUnits(List<ConsumedCapacity> consumed) {
        if (consumed == null || consumed.isEmpty()) {
            return null;
        }
        double units = 0;
        for (ConsumedCapacity c : consumed) {
            Double write = c.writeCapacityUnits() != null ? c.writeCapacityUnits() : c.capacityUnits();
            units += write == null ? 0 : write;
        }
        return units;
    }

    private static void pause(int attempt) {
        long bound = Math.min(MAX_BACKOFF_MILLIS, 1L << Math.min(attempt, 6));
        try {
            TimeUnit.MILLISECONDS.sleep(1 + ThreadLocalRandom.current().nextLong(bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a budget transaction", e);
        }
    }
}
