package dev.tollgate.gateway.spendlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.gateway.cost.CallCost;
import dev.tollgate.gateway.errors.GatewayException;
import java.time.Instant;

/**
 * How a call ended, for its settlement and its spend-log line.
 *
 * @param status         HTTP status the client got
 * @param cost           what it cost (zero when nothing ran)
 * @param error          the error the client got, or null
 * @param retries        upstream retries
 * @param firstTokenTime when the first streamed chunk arrived, or null
 * @param upstreamCalled whether anything was sent upstream
 * @param response       the response body (only logged when the key or team opts in), or null
 * @param fallbackUsed   whether a fallback model answered (or was the last one tried)
 */
public record CallOutcome(
        int status,
        CallCost cost,
        GatewayException error,
        int retries,
        Instant firstTokenTime,
        boolean upstreamCalled,
        JsonNode response,
        boolean fallbackUsed) {

    public static CallOutcome ok(CallCost cost, int attempts, Instant firstTokenTime, JsonNode response) {
        return new CallOutcome(200, cost, null, Math.max(0, attempts - 1), firstTokenTime, true, response, false);
    }

    public static CallOutcome failed(GatewayException error, CallCost cost, boolean upstreamCalled) {
        int retries =
                error instanceof dev.tollgate.gateway.providers.UpstreamException u ? Math.max(0, u.attempts() - 1) : 0;
        return new CallOutcome(error.status(), cost, error, retries, null, upstreamCalled, null, false);
    }

    /** The same outcome after {@code earlierAttempts} failed attempts on other deployments or models. */
    public CallOutcome after(int earlierAttempts, boolean fallback) {
        return new CallOutcome(
                status,
                cost,
                error,
                retries + earlierAttempts,
                firstTokenTime,
                upstreamCalled,
                response,
                fallback || fallbackUsed);
    }
}
