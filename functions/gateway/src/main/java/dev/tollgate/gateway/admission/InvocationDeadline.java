package dev.tollgate.gateway.admission;

import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * When the runtime will end the current invocation, if it has such a limit. The Lambda handler sets it
 * from the invocation context before every request (a Lambda execution environment serves one request at
 * a time, so one value is right); the local runtime never sets it and {@code settings.budgets.max_call_seconds}
 * bounds a call instead. A reservation never needs to outlive it: nothing settles after Lambda's timeout.
 */
@Singleton
public class InvocationDeadline {
    private volatile Instant endsAt;

    /** The current invocation ends at {@code endsAt} (Lambda: now + the context's remaining time). */
    public void set(Instant endsAt) {
        this.endsAt = endsAt;
    }

    /** When the current invocation ends, or null where the runtime sets no limit. */
    public Instant endsAt() {
        return endsAt;
    }
}
