package dev.tollgate.gateway.identity;

/**
 * An {@link IdentityStore#apply} batch was refused and nothing was written: a record to create
 * exists, a record to replace or delete changed or vanished since it was read, or a key alias is
 * taken.
 */
public class IdentityConflictException extends RuntimeException {

    /** Why the batch was refused. */
    public enum Reason {
        /** A record to create already exists. */
        EXISTS,
        /** A record to replace or delete is gone or was changed by someone else. */
        CHANGED,
        /** Another key already has the alias. */
        ALIAS_TAKEN
    }

    private final transient Change change;
    private final Reason reason;

    public IdentityConflictException(Change change, Reason reason) {
        super(
                reason + ": " + change.subject().getClass().getSimpleName() + " '"
                        + change.subject().id() + "'",
                null,
                false,
                false);
        this.change = change;
        this.reason = reason;
    }

    /** The change that failed. */
    public Change change() {
        return change;
    }

    /** Why. */
    public Reason reason() {
        return reason;
    }
}
