package dev.tollgate.gateway.errors;

/**
 * The gateway's own store (DynamoDB on AWS, DynamoDB Local locally) could not be reached or failed. Thrown
 * by the storage adapters in place of the SDK's exceptions, so that domain services decide what a call
 * does then (fail closed with 503, or open where configured) without knowing the SDK.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String what, Throwable cause) {
        super(what + ": " + cause, cause);
    }
}
