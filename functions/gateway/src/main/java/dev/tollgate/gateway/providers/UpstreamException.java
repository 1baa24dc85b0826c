package dev.tollgate.gateway.providers;

import dev.tollgate.gateway.errors.GatewayException;

/**
 * The upstream answered with an error status. 4xx answers reach the client with the upstream's own
 * message; 5xx answers (after retries) become a 502.
 */
public class UpstreamException extends GatewayException {
    private final int upstreamStatus;
    private final int attempts;

    public UpstreamException(int upstreamStatus, String type, String message, String param, String code, int attempts) {
        super(clientStatus(upstreamStatus), type, message, param, code);
        this.upstreamStatus = upstreamStatus;
        this.attempts = attempts;
    }

    private static int clientStatus(int upstreamStatus) {
        return upstreamStatus >= 400 && upstreamStatus < 500 ? upstreamStatus : 502;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    public int attempts() {
        return attempts;
    }
}
