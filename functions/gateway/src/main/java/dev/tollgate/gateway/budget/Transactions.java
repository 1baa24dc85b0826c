package dev.tollgate.gateway.budget;

import dev.tollgate.gateway.storage.TransientWrites;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs {@code TransactWriteItems} with consumed capacity reported, retrying transient cancellations by
 * {@link TransientWrites}' rule. A cancellation with a failed condition is thrown for the caller to read;
 * any other store failure becomes a {@code StoreUnavailableException}.
 */
final class Transactions {
    static final String CONDITION_FAILED = TransientWrites.CONDITION_FAILED;

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
                if (!TransientWrites.onlyTransient(e)) {
                    throw e;
                }
                TransientWrites.pauseOrThrow(e, attempt);
                metrics.recordRetry();
            } catch (SdkException e) {
                throw TransientWrites.unavailable("budget transaction", e);
            }
        }
    }

    /** Whether the item at {@code index} of the cancelled transaction failed its condition. */
    static boolean conditionFailed(TransactionCanceledException e, int index) {
        return TransientWrites.conditionFailed(e, index);
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
}
