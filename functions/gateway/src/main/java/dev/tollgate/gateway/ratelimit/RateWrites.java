package dev.tollgate.gateway.ratelimit;

import dev.tollgate.gateway.storage.TransientWrites;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Sends rate writes: one write as {@code UpdateItem} (half the write units of a transaction, and it
 * returns the new counts), several as one {@code TransactWriteItems} (all or none). A write that lost
 * only to a concurrent transaction (or throttling) wrote nothing and is retried ({@link TransientWrites});
 * a failed condition is returned as a refusal with each failed item's old image; any other store failure
 * becomes a {@code StoreUnavailableException}.
 */
final class RateWrites {
    private static final String CONDITION_FAILED = TransientWrites.CONDITION_FAILED;

    /**
     * What the store did.
     *
     * @param updated the attributes after a lone write; null after a transaction (it returns none)
     * @param failed  per write, in order: null where it passed or was not conditional, else the item as
     *                it was (empty if absent); null as a whole when everything was written
     */
    record Outcome(Map<String, AttributeValue> updated, List<Map<String, AttributeValue>> failed) {
        boolean written() {
            return failed == null;
        }
    }

    private final DynamoDbClient dynamo;
    private final String table;

    RateWrites(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Outcome run(List<RateWrite> writes) {
        if (writes.isEmpty()) {
            return new Outcome(Map.of(), null);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (writes.size() == 1) {
                    return new Outcome(
                            dynamo.updateItem(writes.get(0).alone(table)).attributes(), null);
                }
                dynamo.transactWriteItems(b -> b.transactItems(
                        writes.stream().map(w -> w.inTransaction(table)).toList()));
                return new Outcome(null, null);
            } catch (ConditionalCheckFailedException e) {
                return new Outcome(null, List.of(e.hasItem() ? e.item() : Map.of()));
            } catch (TransactionConflictException e) {
                TransientWrites.pauseOrThrow(e, attempt);
            } catch (TransactionCanceledException e) {
                if (anyConditionFailed(e)) {
                    return new Outcome(null, failedItems(e, writes.size()));
                }
                if (!TransientWrites.onlyTransient(e)) {
                    throw TransientWrites.unavailable("rate-limit write", e);
                }
                TransientWrites.pauseOrThrow(e, attempt);
            } catch (SdkException e) {
                throw TransientWrites.unavailable("rate-limit write", e);
            }
        }
    }

    private static List<Map<String, AttributeValue>> failedItems(TransactionCanceledException e, int size) {
        List<Map<String, AttributeValue>> failed = new ArrayList<>(Collections.nCopies(size, null));
        List<CancellationReason> reasons = e.cancellationReasons();
        for (int i = 0; i < Math.min(size, reasons.size()); i++) {
            if (CONDITION_FAILED.equals(reasons.get(i).code())) {
                failed.set(i, reasons.get(i).hasItem() ? reasons.get(i).item() : Map.of());
            }
        }
        return failed;
    }

    private static boolean anyConditionFailed(TransactionCanceledException e) {
        return e.cancellationReasons().stream().anyMatch(r -> CONDITION_FAILED.equals(r.code()));
    }
}
