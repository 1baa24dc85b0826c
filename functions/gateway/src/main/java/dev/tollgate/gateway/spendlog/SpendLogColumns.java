package dev.tollgate.gateway.spendlog;

import java.util.List;

/**
 * THE column list of the spend-log table, in the Hive/Glue type language. The Athena DDL
 * ({@link SpendLogAthenaDdl}, checked in as {@code athena-queries/create_spend_logs_table.sql}), the
 * Trino DDL of the query tests and the CDK Glue table are generated from it, and a test checks it
 * against the JSON that {@link SpendLogJson} writes, so none of them can drift.
 *
 * <p>Types are the ones both Athena's OpenX JSON SerDe and Trino's {@code OPENX_JSON} format read from
 * that JSON: times are ISO-8601 UTC strings ({@code 2025-05-01T12:00:00.123Z}; use
 * {@code from_iso8601_timestamp(start_time)}), money is {@link #MONEY}, prompt and response content
 * (opt-in) is JSON text.
 */
public final class SpendLogColumns {

    /** Money: 10 integer digits and the 12 decimal places {@link SpendLogRecord} keeps. */
    public static final String MONEY = "decimal(22,12)";

    /**
     * One column.
     *
     * @param name     the JSON field and column name (snake_case)
     * @param hiveType {@code string}, {@code int}, {@code bigint}, {@code boolean}, {@link #MONEY},
     *                 {@code array<string>} or {@code map<string,string>}
     * @param comment  what it holds (no quotes)
     */
    public record Column(String name, String hiveType, String comment) {}

    /** The data columns, in the order of {@link SpendLogRecord}'s components. */
    public static final List<Column> COLUMNS = List.of(
            new Column("schema_version", "int", "record schema version"),
            new Column("request_id", "string", "gateway request id"),
            new Column("call_type", "string", "chat_completion, embedding, messages, responses"),
            new Column("start_time", "string", "ISO-8601 UTC, call received"),
            new Column("end_time", "string", "ISO-8601 UTC, call finished"),
            new Column("first_token_time", "string", "ISO-8601 UTC, first streamed chunk"),
            new Column("duration_ms", "bigint", "end minus start"),
            new Column("time_to_first_token_ms", "bigint", "first token minus start"),
            new Column("requested_model", "string", "model the client asked for"),
            new Column("model", "string", "resolved public model name"),
            new Column("provider", "string", "provider that served the call"),
            new Column("upstream_model", "string", "provider model id"),
            new Column("api_base", "string", "upstream host, never a key"),
            new Column("key_hash", "string", "SHA-256 of the virtual key"),
            new Column("key_alias", "string", "virtual key alias"),
            new Column("user_id", "string", "user of the key"),
            new Column("team_id", "string", "team of the key"),
            new Column("end_user", "string", "OpenAI user field"),
            new Column("tags", "array<string>", "request and key tags"),
            new Column("metadata", "map<string,string>", "caller metadata"),
            new Column("prompt_tokens", "bigint", "input tokens, cached included"),
            new Column("completion_tokens", "bigint", "output tokens, reasoning included"),
            new Column("cache_read_tokens", "bigint", "input tokens read from the prompt cache"),
            new Column("cache_write_tokens", "bigint", "input tokens written to the prompt cache"),
            new Column("reasoning_tokens", "bigint", "output tokens spent reasoning"),
            new Column("total_tokens", "bigint", "prompt plus completion"),
            new Column("cost", MONEY, "USD charged"),
            new Column("cache_read_cost", MONEY, "USD of cache reads, part of cost"),
            new Column("cache_read_uncached_cost", MONEY, "USD the cache reads would cost uncached"),
            new Column("cache_write_cost", MONEY, "USD of cache writes, part of cost"),
            new Column("cache_write_uncached_cost", MONEY, "USD the cache writes would cost uncached"),
            new Column("usage_estimated", "boolean", "tokens counted by Tollgate"),
            new Column("stream", "boolean", "streamed response"),
            new Column("status", "int", "HTTP status returned"),
            new Column("error_type", "string", "OpenAI error type, null on success"),
            new Column("error_message", "string", "short error text, redacted"),
            new Column("retries", "int", "upstream attempts beyond the first"),
            new Column("fallback_used", "boolean", "a fallback deployment answered"),
            new Column("upstream_called", "boolean", "a request reached a provider"),
            new Column("budget_reserved", MONEY, "USD reserved before the call"),
            new Column("max_tokens_clamped", "boolean", "max_tokens lowered to fit the budget"),
            new Column("messages", "string", "request messages as JSON text, opt-in only"),
            new Column("response", "string", "response as JSON text, opt-in only"),
            new Column("user_agent", "string", "client User-Agent"),
            new Column("client", "string", "client tool: claude-code, codex, openai-python, ..."),
            new Column("session_id", "string", "agent session id, when the client sends one"),
            new Column("cache_hit", "boolean", "answered by the response cache, no upstream call"),
            new Column("saved_cost", MONEY, "USD the upstream call would have cost, on a cache hit"),
            new Column("failover_rule_id", "string", "SLA failover rule that moved the call to another model"),
            new Column("input_cost", MONEY, "USD of uncached input tokens, part of cost"),
            new Column("output_cost", MONEY, "USD of output tokens, reasoning included, part of cost"));

    /** The partition columns, from the object key {@code spend-logs/dt=YYYY-MM-DD/hour=HH/}. */
    public static final List<Column> PARTITION_COLUMNS = List.of(
            new Column("dt", "string", "UTC date of start_time, yyyy-MM-dd"),
            new Column("hour", "string", "UTC hour of start_time, 00 to 23"));

    /** The S3 prefix under which the shipper writes. */
    public static final String PREFIX = "spend-logs/";

    /** The table name the queries use. */
    public static final String TABLE = "spend_logs";

    private SpendLogColumns() {}

    /** The data column names, in order. */
    public static List<String> names() {
        return COLUMNS.stream().map(Column::name).toList();
    }
}
