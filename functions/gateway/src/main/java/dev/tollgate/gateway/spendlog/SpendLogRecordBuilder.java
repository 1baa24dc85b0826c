package dev.tollgate.gateway.spendlog;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link SpendLogRecord}. Required: request id, call type, start and end time, status.
 * Filled in when not set: {@code duration_ms} (end − start), {@code time_to_first_token_ms}
 * (first token − start), {@code total_tokens} (prompt + completion), {@code cost} (0) and
 * {@code schema_version}, {@code upstream_called} (true for a status below 400: set it for failures
 * that reached the provider).
 */
public final class SpendLogRecordBuilder {
    private int schemaVersion = SpendLogRecord.SCHEMA_VERSION;
    private String requestId;
    private String callType;
    private Instant startTime;
    private Instant endTime;
    private Instant firstTokenTime;
    private Long durationMs;
    private Long timeToFirstTokenMs;
    private String requestedModel;
    private String model;
    private String provider;
    private String upstreamModel;
    private String apiBase;
    private String keyHash;
    private String keyAlias;
    private String userId;
    private String teamId;
    private String endUser;
    private List<String> tags;
    private Map<String, String> metadata;
    private long promptTokens;
    private long completionTokens;
    private long cacheReadTokens;
    private long cacheWriteTokens;
    private long reasoningTokens;
    private Long totalTokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private BigDecimal cacheReadCost;
    private BigDecimal cacheReadUncachedCost;
    private BigDecimal cacheWriteCost;
    private BigDecimal cacheWriteUncachedCost;
    private boolean usageEstimated;
    private boolean stream;
    private int status;
    private String errorType;
    private String errorMessage;
    private int retries;
    private boolean fallbackUsed;
    private Boolean upstreamCalled;
    private BigDecimal budgetReserved;
    private boolean maxTokensClamped;
    private String messages;
    private String response;
    private String userAgent;
    private String client;
    private String sessionId;
    private boolean cacheHit;
    private BigDecimal savedCost;
    private String failoverRuleId;
    private BigDecimal inputCost;
    private BigDecimal outputCost;

    SpendLogRecordBuilder() {}

    SpendLogRecordBuilder(SpendLogRecord r) {
        this.schemaVersion = r.schemaVersion();
        this.requestId = r.requestId();
        this.callType = r.callType();
        this.startTime = r.startTime();
        this.endTime = r.endTime();
        this.firstTokenTime = r.firstTokenTime();
        this.durationMs = r.durationMs();
        this.timeToFirstTokenMs = r.timeToFirstTokenMs();
        this.requestedModel = r.requestedModel();
        this.model = r.model();
        this.provider = r.provider();
        this.upstreamModel = r.upstreamModel();
        this.apiBase = r.apiBase();
        this.keyHash = r.keyHash();
        this.keyAlias = r.keyAlias();
        this.userId = r.userId();
        this.teamId = r.teamId();
        this.endUser = r.endUser();
        this.tags = r.tags();
        this.metadata = r.metadata();
        this.promptTokens = r.promptTokens();
        this.completionTokens = r.completionTokens();
        this.cacheReadTokens = r.cacheReadTokens();
        this.cacheWriteTokens = r.cacheWriteTokens();
        this.reasoningTokens = r.reasoningTokens();
        this.totalTokens = r.totalTokens();
        this.cost = r.cost();
        this.cacheReadCost = r.cacheReadCost();
        this.cacheReadUncachedCost = r.cacheReadUncachedCost();
        this.cacheWriteCost = r.cacheWriteCost();
        this.cacheWriteUncachedCost = r.cacheWriteUncachedCost();
        this.usageEstimated = r.usageEstimated();
        this.stream = r.stream();
        this.status = r.status();
        this.errorType = r.errorType();
        this.errorMessage = r.errorMessage();
        this.retries = r.retries();
        this.fallbackUsed = r.fallbackUsed();
        this.upstreamCalled = r.upstreamCalled();
        this.budgetReserved = r.budgetReserved();
        this.maxTokensClamped = r.maxTokensClamped();
        this.messages = r.messages();
        this.response = r.response();
        this.userAgent = r.userAgent();
        this.client = r.client();
        this.sessionId = r.sessionId();
        this.cacheHit = r.cacheHit();
        this.savedCost = r.savedCost();
        this.failoverRuleId = r.failoverRuleId();
        this.inputCost = r.inputCost();
        this.outputCost = r.outputCost();
    }

    /** Sets the schema version; defaults to {@link SpendLogRecord#SCHEMA_VERSION}. */
    public SpendLogRecordBuilder schemaVersion(int value) {
        schemaVersion = value;
        return this;
    }

    /** Sets the gateway's request id (required). */
    public SpendLogRecordBuilder requestId(String value) {
        requestId = value;
        return this;
    }

    /** Sets {@code chat_completion}, {@code embedding}, … (required). */
    public SpendLogRecordBuilder callType(String value) {
        callType = value;
        return this;
    }

    /** Sets when the gateway received the call (required). */
    public SpendLogRecordBuilder startTime(Instant value) {
        startTime = value;
        return this;
    }

    /** Sets when the call finished (required). */
    public SpendLogRecordBuilder endTime(Instant value) {
        endTime = value;
        return this;
    }

    /** Sets the first streamed chunk, if any. */
    public SpendLogRecordBuilder firstTokenTime(Instant value) {
        firstTokenTime = value;
        return this;
    }

    /** Sets defaults to end − start. */
    public SpendLogRecordBuilder durationMs(Long value) {
        durationMs = value;
        return this;
    }

    /** Sets defaults to first token − start. */
    public SpendLogRecordBuilder timeToFirstTokenMs(Long value) {
        timeToFirstTokenMs = value;
        return this;
    }

    /** Sets the model the client asked for. */
    public SpendLogRecordBuilder requestedModel(String value) {
        requestedModel = value;
        return this;
    }

    /** Sets the resolved public model name. */
    public SpendLogRecordBuilder model(String value) {
        model = value;
        return this;
    }

    /** Sets the provider that served it. */
    public SpendLogRecordBuilder provider(String value) {
        provider = value;
        return this;
    }

    /** Sets the provider's model id. */
    public SpendLogRecordBuilder upstreamModel(String value) {
        upstreamModel = value;
        return this;
    }

    /** Sets the upstream base URL or host; only the host (and port) is kept. */
    public SpendLogRecordBuilder apiBase(String value) {
        apiBase = value;
        return this;
    }

    /** Sets SHA-256 of the virtual key. */
    public SpendLogRecordBuilder keyHash(String value) {
        keyHash = value;
        return this;
    }

    /** Sets the key's alias. */
    public SpendLogRecordBuilder keyAlias(String value) {
        keyAlias = value;
        return this;
    }

    /** Sets the key's user. */
    public SpendLogRecordBuilder userId(String value) {
        userId = value;
        return this;
    }

    /** Sets the key's team. */
    public SpendLogRecordBuilder teamId(String value) {
        teamId = value;
        return this;
    }

    /** Sets the OpenAI {@code user} field. */
    public SpendLogRecordBuilder endUser(String value) {
        endUser = value;
        return this;
    }

    /** Sets request and key tags. */
    public SpendLogRecordBuilder tags(List<String> value) {
        tags = value;
        return this;
    }

    /** Sets caller metadata. */
    public SpendLogRecordBuilder metadata(Map<String, String> value) {
        metadata = value;
        return this;
    }

    /** Sets total input tokens. */
    public SpendLogRecordBuilder promptTokens(long value) {
        promptTokens = value;
        return this;
    }

    /** Sets total output tokens. */
    public SpendLogRecordBuilder completionTokens(long value) {
        completionTokens = value;
        return this;
    }

    /** Sets input tokens read from the cache. */
    public SpendLogRecordBuilder cacheReadTokens(long value) {
        cacheReadTokens = value;
        return this;
    }

    /** Sets input tokens written to the cache. */
    public SpendLogRecordBuilder cacheWriteTokens(long value) {
        cacheWriteTokens = value;
        return this;
    }

    /** Sets output tokens spent on reasoning. */
    public SpendLogRecordBuilder reasoningTokens(long value) {
        reasoningTokens = value;
        return this;
    }

    /** Sets defaults to prompt + completion. */
    public SpendLogRecordBuilder totalTokens(Long value) {
        totalTokens = value;
        return this;
    }

    /** Sets USD charged; defaults to 0. */
    public SpendLogRecordBuilder cost(BigDecimal value) {
        cost = value;
        return this;
    }

    /** Sets USD of the cache reads. */
    public SpendLogRecordBuilder cacheReadCost(BigDecimal value) {
        cacheReadCost = value;
        return this;
    }

    /** Sets USD the cache reads would have cost uncached. */
    public SpendLogRecordBuilder cacheReadUncachedCost(BigDecimal value) {
        cacheReadUncachedCost = value;
        return this;
    }

    /** Sets USD of the uncached input and of the output (reasoning included), each part of the cost. */
    public SpendLogRecordBuilder splitCost(BigDecimal input, BigDecimal output) {
        inputCost = input;
        outputCost = output;
        return this;
    }

    /** Sets USD of the cache writes. */
    public SpendLogRecordBuilder cacheWriteCost(BigDecimal value) {
        cacheWriteCost = value;
        return this;
    }

    /** Sets USD the cache writes would have cost uncached. */
    public SpendLogRecordBuilder cacheWriteUncachedCost(BigDecimal value) {
        cacheWriteUncachedCost = value;
        return this;
    }

    /** Sets true when Tollgate counted the tokens. */
    public SpendLogRecordBuilder usageEstimated(boolean value) {
        usageEstimated = value;
        return this;
    }

    /** Sets true for a streamed response. */
    public SpendLogRecordBuilder stream(boolean value) {
        stream = value;
        return this;
    }

    /** Sets the HTTP status returned (required). */
    public SpendLogRecordBuilder status(int value) {
        status = value;
        return this;
    }

    /** Sets the OpenAI error type. */
    public SpendLogRecordBuilder errorType(String value) {
        errorType = value;
        return this;
    }

    /** Sets short error text; credentials are redacted. */
    public SpendLogRecordBuilder errorMessage(String value) {
        errorMessage = value;
        return this;
    }

    /** Sets upstream attempts beyond the first. */
    public SpendLogRecordBuilder retries(int value) {
        retries = value;
        return this;
    }

    /** Sets true when a fallback answered. */
    public SpendLogRecordBuilder fallbackUsed(boolean value) {
        fallbackUsed = value;
        return this;
    }

    /** Sets whether a request reached a provider; defaults to true for a status below 400, else false. */
    public SpendLogRecordBuilder upstreamCalled(boolean value) {
        upstreamCalled = value;
        return this;
    }

    /** Sets USD reserved before the call. */
    public SpendLogRecordBuilder budgetReserved(BigDecimal value) {
        budgetReserved = value;
        return this;
    }

    /** Sets true when max_tokens was lowered to fit the budget. */
    public SpendLogRecordBuilder maxTokensClamped(boolean value) {
        maxTokensClamped = value;
        return this;
    }

    /** Sets request messages as JSON text (opt-in only). */
    public SpendLogRecordBuilder messages(String value) {
        messages = value;
        return this;
    }

    /** Sets the response as JSON text (opt-in only). */
    public SpendLogRecordBuilder response(String value) {
        response = value;
        return this;
    }

    /** Sets who called: the raw user agent, the normalised client tool and the agent session (any may be null). */
    public SpendLogRecordBuilder caller(String userAgent, String client, String sessionId) {
        this.userAgent = userAgent;
        this.client = client;
        this.sessionId = sessionId;
        return this;
    }

    /** Sets the SLA failover rule that moved the call to another model (null: none). */
    public SpendLogRecordBuilder failoverRuleId(String value) {
        failoverRuleId = value;
        return this;
    }

    /** Marks a call the response cache answered, with what the upstream call would have cost. */
    public SpendLogRecordBuilder cacheHit(BigDecimal saved) {
        this.cacheHit = true;
        this.savedCost = saved;
        return this;
    }

    /** Sets the token counts from one call's usage. */
    public SpendLogRecordBuilder tokens(long prompt, long completion, long cacheRead, long cacheWrite, long reasoning) {
        this.promptTokens = prompt;
        this.completionTokens = completion;
        this.cacheReadTokens = cacheRead;
        this.cacheWriteTokens = cacheWrite;
        this.reasoningTokens = reasoning;
        return this;
    }

    /**
     * The record.
     *
     * @throws IllegalArgumentException when a required field is missing or a value is out of range
     * @throws NullPointerException when a required time is missing
     */
    public SpendLogRecord build() {
        Instant start = java.util.Objects.requireNonNull(startTime, "start_time");
        Instant end = java.util.Objects.requireNonNull(endTime, "end_time");
        long duration = durationMs != null
                ? durationMs
                : Math.max(0, Duration.between(start, end).toMillis());
        Long ttft = timeToFirstTokenMs != null || firstTokenTime == null
                ? timeToFirstTokenMs
                : Long.valueOf(
                        Math.max(0, Duration.between(start, firstTokenTime).toMillis()));
        long total = totalTokens != null ? totalTokens : promptTokens + completionTokens;
        return new SpendLogRecord(
                schemaVersion,
                requestId,
                callType,
                start,
                end,
                firstTokenTime,
                duration,
                ttft,
                requestedModel,
                model,
                provider,
                upstreamModel,
                apiBase,
                keyHash,
                keyAlias,
                userId,
                teamId,
                endUser,
                tags,
                metadata,
                promptTokens,
                completionTokens,
                cacheReadTokens,
                cacheWriteTokens,
                reasoningTokens,
                total,
                cost,
                cacheReadCost,
                cacheReadUncachedCost,
                cacheWriteCost,
                cacheWriteUncachedCost,
                usageEstimated,
                stream,
                status,
                errorType,
                errorMessage,
                retries,
                fallbackUsed,
                upstreamCalled != null ? upstreamCalled : status < 400,
                budgetReserved,
                maxTokensClamped,
                messages,
                response,
                userAgent,
                client,
                sessionId,
                cacheHit,
                savedCost,
                failoverRuleId,
                inputCost,
                outputCost);
    }
}
