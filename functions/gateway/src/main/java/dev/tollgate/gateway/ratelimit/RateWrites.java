package dev.tollgate.gateway.ratelimit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Sends rate writes: one write as {@code UpdateItem} (half the write units of a transaction, and it
 * returns the new counts), several as one {@code TransactWriteItems} (all or none). A write that lost
 * only to a concurrent transaction (or throttling) wrote nothing and is retried with jittered backoff;
 * a failed condition is returned as a refusal with each failed item's old image.
 */
final class RateWrites {
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final List<String> TRANSIENT =
            List.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded");
    private static final int MAX_ATTEMPTS = 40;
    private static final long MAX_BACKOFF_MILLIS = 64;

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
                retryOrThrow(e, attempt);
            } catch (TransactionCanceledException e) {
                if (anyConditionFailed(e)) {
                    return new Outcome(null, failedItems(e, writes.size()));
                }
                if (!onlyTransient(e)) {
                    throw e;
                }
                retryOrThrow(e, attempt);
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

    private static void retryOrThrow(RuntimeException e, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw e;
        }
        long bound = Math.min(MAX_BACKOFF_MILLIS, 1L << Math.min(attempt, 6));
        try {
            TimeUnit.MILLISECONDS.sleep(1 + ThreadLocalRandom.current().nextLong(bound));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a rate-limit write", interrupted);
        }
    }
}
