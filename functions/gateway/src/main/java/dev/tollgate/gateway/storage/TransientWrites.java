package dev.tollgate.gateway.storage;

import dev.tollgate.gateway.errors.StoreUnavailableException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The one retry rule for DynamoDB writes (budget transactions and rate-limit writes): a transaction
 * cancelled only because another transaction held one of its items, or by throttling, wrote nothing, so
 * it is tried again after a short jittered pause; anything else is the caller's to read. Store failures
 * that are not cancellations become {@link StoreUnavailableException}.
 */
public final class TransientWrites {
    public static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final List<String> TRANSIENT =
            List.of("TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded");
    private static final int MAX_ATTEMPTS = 40;
    private static final long MAX_BACKOFF_MILLIS = 64;

    private TransientWrites() {}

    /** Whether every reason the transaction was cancelled for is transient (and there is at least one). */
    public static boolean onlyTransient(TransactionCanceledException e) {
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

    /** Whether the item at {@code index} of the cancelled transaction failed its condition. */
    public static boolean conditionFailed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.cancellationReasons();
        return index < reasons.size()
                && CONDITION_FAILED.equals(reasons.get(index).code());
    }

    /** Pauses before attempt {@code attempt + 1}; rethrows {@code e} once the attempts are used up. */
    public static void pauseOrThrow(RuntimeException e, int attempt) {
        if (attempt >= MAX_ATTEMPTS) {
            throw e;
        }
        long bound = Math.min(MAX_BACKOFF_MILLIS, 1L << Math.min(attempt, 6));
        try {
            TimeUnit.MILLISECONDS.sleep(1 + ThreadLocalRandom.current().nextLong(bound));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a DynamoDB write", interrupted);
        }
    }

    /** The domain's view of a store failure that no retry here can fix. */
    public static StoreUnavailableException unavailable(String what, SdkException e) {
        return new StoreUnavailableException(what, e);
    }
}
