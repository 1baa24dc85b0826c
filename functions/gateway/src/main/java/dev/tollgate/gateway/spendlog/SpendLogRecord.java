package dev.tollgate.gateway.spendlog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One spend-log line: everything known about one call, successful or not (docs/architecture.md §5).
 * Serialised by {@link SpendLogJson} as one snake_case JSON object; the columns Athena sees are
 * {@link SpendLogColumns}. {@code dt} and {@code hour} are not fields: they are the partition of the
 * S3 object, derived from {@code start_time} (UTC).
 *
 * <p>Build one with {@link #builder()}. The canonical constructor normalises: times to whole
 * milliseconds, money to at most 12 decimal places without trailing zeros, {@code api_base} to the
 * host (and port) only, {@code error_message} shortened and stripped of credentials, tags distinct,
 * metadata sorted.
 *
 * @param schemaVersion          {@link #SCHEMA_VERSION}; bumped only when a field changes meaning
 * @param requestId              the gateway's request id (also the DynamoDB item {@code LOG#<id>})
 * @param callType               {@code chat_completion}, {@code embedding}, …
 * @param startTime              when the gateway received the call
 * @param endTime                when the response (or the error) was complete
 * @param firstTokenTime         first streamed content chunk; null when not streamed or none came
 * @param durationMs             end − start
 * @param timeToFirstTokenMs     first token − start; null when {@code firstTokenTime} is
 * @param requestedModel         the model the client asked for
 * @param model                  the public model name it resolved to; null when it resolved to none
 * @param provider               {@code openai}, {@code anthropic}, {@code bedrock}, {@code mock}, …
 * @param upstreamModel          the provider's own model id
 * @param apiBase                the upstream host (and port), never a path, query or key
 * @param keyHash                SHA-256 of the virtual key (hex); the key itself is never logged
 * @param keyAlias               the key's alias
 * @param userId                 the key's user
 * @param teamId                 the key's team
 * @param endUser                the OpenAI {@code user} field (the customer's customer)
 * @param tags                   request and key tags; never null
 * @param metadata               caller metadata, string values; never null
 * @param promptTokens           total input, cache reads and writes included
 * @param completionTokens       total output, reasoning included
 * @param cacheReadTokens        input read from the prompt cache
 * @param cacheWriteTokens       input written to the prompt cache
 * @param reasoningTokens        output spent on reasoning
 * @param totalTokens            prompt + completion
 * @param cost                   USD charged for the call; 0 for a call refused before it ran
 * @param cacheReadCost          USD of the cache reads, part of {@code cost} (null means 0, as do the next three)
 * @param cacheReadUncachedCost  USD the same tokens would have cost as uncached input
 * @param cacheWriteCost         USD of the cache writes, part of {@code cost}
 * @param cacheWriteUncachedCost USD the same tokens would have cost as uncached input
 * @param usageEstimated         true when Tollgate counted the tokens (the provider reported none)
 * @param stream                 true for a streamed response
 * @param status                 the HTTP status returned to the client
 * @param errorType              OpenAI error type ({@code budget_exceeded}, …); null on success
 * @param errorMessage           short error text, credentials redacted; null on success
 * @param retries                upstream attempts beyond the first
 * @param fallbackUsed           true when a fallback deployment answered
 * @param upstreamCalled         true when at least one request reached a provider; false for calls the
 *                               gateway refused itself (key, budget, rate limit, validation), which
 *                               provider SLA figures leave out
 * @param budgetReserved         USD reserved before the call; null when nothing was reserved
 * @param maxTokensClamped       true when {@code max_tokens} was lowered to fit the budget
 * @param messages               the request messages as JSON text, only when the key or team opts in
 * @param response               the response as JSON text, only when the key or team opts in
 * @param userAgent              the client's {@code User-Agent}, shortened; null when none was sent
 * @param client                 the client tool, normalised from the user agent ({@code call/ClientTools}):
 *                               {@code claude-code}, {@code codex}, {@code cursor}, {@code openai-python}, …,
 *                               {@code other}; null when no user agent was sent
 * @param sessionId              the agent session the call belongs to, when the client says
 *                               ({@code X-Claude-Code-Session-Id}, Codex's turn metadata,
 *                               {@code x-tollgate-session-id})
 * @param cacheHit               true when the response cache answered and no upstream was called (docs/caching.md)
 * @param savedCost              USD the upstream call would have cost, on a cache hit (null means 0)
 * @param failoverRuleId         the SLA failover rule that sent the call from the requested model to another
 *                               ({@code x-tollgate-failover}, docs/sla.md); null when none did
 * @param inputCost              USD of the uncached input tokens, part of {@code cost} (null means 0: lines
 *                               written before this field have none)
 * @param outputCost             USD of the output tokens, reasoning included, part of {@code cost}; for a
 *                               priced call {@code input_cost + cache_read_cost + cache_write_cost +
 *                               output_cost = cost} exactly
 */
public record SpendLogRecord(
        int schemaVersion,
        String requestId,
        String callType,
        Instant startTime,
        Instant endTime,
        Instant firstTokenTime,
        long durationMs,
        Long timeToFirstTokenMs,
        String requestedModel,
        String model,
        String provider,
        String upstreamModel,
        String apiBase,
        String keyHash,
        String keyAlias,
        String userId,
        String teamId,
        String endUser,
        List<String> tags,
        Map<String, String> metadata,
        long promptTokens,
        long completionTokens,
        long cacheReadTokens,
        long cacheWriteTokens,
        long reasoningTokens,
        long totalTokens,
        BigDecimal cost,
        BigDecimal cacheReadCost,
        BigDecimal cacheReadUncachedCost,
        BigDecimal cacheWriteCost,
        BigDecimal cacheWriteUncachedCost,
        boolean usageEstimated,
        boolean stream,
        int status,
        String errorType,
        String errorMessage,
        int retries,
        boolean fallbackUsed,
        boolean upstreamCalled,
        BigDecimal budgetReserved,
        boolean maxTokensClamped,
        String messages,
        String response,
        String userAgent,
        String client,
        String sessionId,
        boolean cacheHit,
        BigDecimal savedCost,
        String failoverRuleId,
        BigDecimal inputCost,
        BigDecimal outputCost) {

    /** The version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Call type of {@code /v1/chat/completions}. */
    public static final String CHAT_COMPLETION = "chat_completion";

    /** Call type of {@code /v1/embeddings}. */
    public static final String EMBEDDING = "embedding";

    /** Call type of {@code /v1/messages} (Anthropic's Messages API). */
    public static final String MESSAGES = "messages";

    /** Call type of {@code /v1/responses} (OpenAI's Responses API). */
    public static final String RESPONSES = "responses";

    /** Validates and normalises (see the class comment). */
    public SpendLogRecord {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema_version must be at least 1: " + schemaVersion);
        }
        requireText(requestId, "request_id");
        requireText(callType, "call_type");
        startTime = Objects.requireNonNull(startTime, "start_time").truncatedTo(ChronoUnit.MILLIS);
        endTime = Objects.requireNonNull(endTime, "end_time").truncatedTo(ChronoUnit.MILLIS);
        firstTokenTime = firstTokenTime == null ? null : firstTokenTime.truncatedTo(ChronoUnit.MILLIS);
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status: " + status);
        }
        if (durationMs < 0 || (timeToFirstTokenMs != null && timeToFirstTokenMs < 0) || retries < 0) {
            throw new IllegalArgumentException("durations and retries must not be negative");
        }
        if (promptTokens < 0
                || completionTokens < 0
                || cacheReadTokens < 0
                || cacheWriteTokens < 0
                || reasoningTokens < 0
                || totalTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
        apiBase = SpendLogValues.hostOnly(apiBase);
        tags = SpendLogValues.tags(tags);
        metadata = SpendLogValues.metadata(metadata);
        cost = nonNegative(SpendLogValues.money(Objects.requireNonNull(cost, "cost")), "cost");
        cacheReadCost = zeroIfNull(cacheReadCost, "cache_read_cost");
        cacheReadUncachedCost = zeroIfNull(cacheReadUncachedCost, "cache_read_uncached_cost");
        cacheWriteCost = zeroIfNull(cacheWriteCost, "cache_write_cost");
        cacheWriteUncachedCost = zeroIfNull(cacheWriteUncachedCost, "cache_write_uncached_cost");
        budgetReserved = nonNegative(SpendLogValues.money(budgetReserved), "budget_reserved");
        errorMessage = SpendLogValues.errorMessage(errorMessage);
        savedCost = zeroIfNull(savedCost, "saved_cost");
        inputCost = zeroIfNull(inputCost, "input_cost");
        outputCost = zeroIfNull(outputCost, "output_cost");
        userAgent = userAgent == null || userAgent.length() <= 256 ? userAgent : userAgent.substring(0, 256);
    }

    /** A builder for a new record; see {@link SpendLogRecordBuilder} for what it fills in. */
    public static SpendLogRecordBuilder builder() {
        return new SpendLogRecordBuilder();
    }

    /** A builder holding this record's values. */
    public SpendLogRecordBuilder toBuilder() {
        return new SpendLogRecordBuilder(this);
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static BigDecimal zeroIfNull(BigDecimal amount, String field) {
        return nonNegative(SpendLogValues.money(amount == null ? BigDecimal.ZERO : amount), field);
    }

    private static BigDecimal nonNegative(BigDecimal amount, String field) {
        if (amount != null && amount.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + amount.toPlainString());
        }
        return amount;
    }
}
