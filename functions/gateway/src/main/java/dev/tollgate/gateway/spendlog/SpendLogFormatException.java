package dev.tollgate.gateway.spendlog;

/** A spend-log line that is not JSON, or not a valid {@link SpendLogRecord}. */
public class SpendLogFormatException extends IllegalArgumentException {

    /** With the reason and, if any, what caused it. */
    public SpendLogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
