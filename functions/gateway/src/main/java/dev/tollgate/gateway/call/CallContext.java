package dev.tollgate.gateway.call;

import dev.tollgate.gateway.identity.Principal;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway knows about one call while it runs: its id (also the spend-log id), when it started,
 * who made it, and how much of its time was spent waiting on the upstream (excluded from the overhead).
 */
public final class CallContext {
    private final String requestId;
    private final long startNanos;
    private final java.time.Instant startTime;
    private final AtomicLong upstreamNanos = new AtomicLong();
    private volatile Principal principal;
    private volatile Caller caller = Caller.UNKNOWN;
    private volatile String failoverRuleId;

    /**
     * Who is calling, as the client says: its {@code User-Agent}, the client tool it names (normalised),
     * and the agent session the call belongs to; any may be null.
     */
    public record Caller(String userAgent, String client, String sessionId) {
        public static final Caller UNKNOWN = new Caller(null, null, null);
    }

    CallContext(String requestId, long startNanos, java.time.Instant startTime) {
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.startTime = startTime;
    }

    /** A new call, started now by {@code clock} (the gateway's clock, so logs and windows agree), with a fresh id. */
    public static CallContext start(java.time.Clock clock) {
        return new CallContext(UUID.randomUUID().toString(), System.nanoTime(), clock.instant());
    }

    /** Now, on the clock the call started by (its start plus the monotonic time since): for the first token. */
    public java.time.Instant now() {
        return startTime.plusNanos(System.nanoTime() - startNanos);
    }

    /** The SLA failover rule that moved this call to another model, or null. */
    public String failoverRuleId() {
        return failoverRuleId;
    }

    public void failoverRuleId(String ruleId) {
        this.failoverRuleId = ruleId;
    }

    public String requestId() {
        return requestId;
    }

    /** Wall-clock start, for the spend log. */
    public java.time.Instant startTime() {
        return startTime;
    }

    public Principal principal() {
        return principal;
    }

    public void principal(Principal principal) {
        this.principal = principal;
    }

    public Caller caller() {
        return caller;
    }

    public void caller(Caller caller) {
        this.caller = caller == null ? Caller.UNKNOWN : caller;
    }

    /**
     * The call's agent session: the one its headers named ({@code http/Callers}), else the request body's
     * {@code metadata.session_id}, which is then kept as the caller's session (so the spend log shows it too).
     */
    public String session(com.fasterxml.jackson.databind.JsonNode body) {
        Caller c = caller;
        if (c.sessionId() != null) {
            return c.sessionId();
        }
        com.fasterxml.jackson.databind.JsonNode id = body.path("metadata").path("session_id");
        if (!id.isTextual() || id.asText().isBlank()) {
            return null;
        }
        String session = id.asText().length() <= 128 ? id.asText() : id.asText().substring(0, 128);
        caller = new Caller(c.userAgent(), c.client(), session);
        return session;
    }

    /** Adds time spent waiting on an upstream. */
    public void addUpstreamNanos(long nanos) {
        upstreamNanos.addAndGet(nanos);
    }

    /** Time spent in the gateway so far, upstream waits excluded, in milliseconds with microsecond precision. */
    public String overheadMillis() {
        long overhead = Math.max(0, System.nanoTime() - startNanos - upstreamNanos.get());
        return String.format(java.util.Locale.ROOT, "%.3f", overhead / 1_000_000.0);
    }
}
