-- Generated from dev.tollgate.gateway.spendlog.SpendLogColumns by SpendLogAthenaDdl: do not edit.
-- Replace ${bucket} with the spend-log bucket, then run it once in Athena.
-- The ${dt} and ${hour} in storage.location.template are Athena's: leave them.
CREATE EXTERNAL TABLE IF NOT EXISTS spend_logs (
  `schema_version` int COMMENT 'record schema version',
  `request_id` string COMMENT 'gateway request id',
  `call_type` string COMMENT 'chat_completion, embedding, messages, responses',
  `start_time` string COMMENT 'ISO-8601 UTC, call received',
  `end_time` string COMMENT 'ISO-8601 UTC, call finished',
  `first_token_time` string COMMENT 'ISO-8601 UTC, first streamed chunk',
  `duration_ms` bigint COMMENT 'end minus start',
  `time_to_first_token_ms` bigint COMMENT 'first token minus start',
  `requested_model` string COMMENT 'model the client asked for',
  `model` string COMMENT 'resolved public model name',
  `provider` string COMMENT 'provider that served the call',
  `upstream_model` string COMMENT 'provider model id',
  `api_base` string COMMENT 'upstream host, never a key',
  `key_hash` string COMMENT 'SHA-256 of the virtual key',
  `key_alias` string COMMENT 'virtual key alias',
  `user_id` string COMMENT 'user of the key',
  `team_id` string COMMENT 'team of the key',
  `end_user` string COMMENT 'OpenAI user field',
  `tags` array<string> COMMENT 'request and key tags',
  `metadata` map<string,string> COMMENT 'caller metadata',
  `prompt_tokens` bigint COMMENT 'input tokens, cached included',
  `completion_tokens` bigint COMMENT 'output tokens, reasoning included',
  `cache_read_tokens` bigint COMMENT 'input tokens read from the prompt cache',
  `cache_write_tokens` bigint COMMENT 'input tokens written to the prompt cache',
  `reasoning_tokens` bigint COMMENT 'output tokens spent reasoning',
  `total_tokens` bigint COMMENT 'prompt plus completion',
  `cost` decimal(22,12) COMMENT 'USD charged',
  `cache_read_cost` decimal(22,12) COMMENT 'USD of cache reads, part of cost',
  `cache_read_uncached_cost` decimal(22,12) COMMENT 'USD the cache reads would cost uncached',
  `cache_write_cost` decimal(22,12) COMMENT 'USD of cache writes, part of cost',
  `cache_write_uncached_cost` decimal(22,12) COMMENT 'USD the cache writes would cost uncached',
  `usage_estimated` boolean COMMENT 'tokens counted by Tollgate',
  `stream` boolean COMMENT 'streamed response',
  `status` int COMMENT 'HTTP status returned',
  `error_type` string COMMENT 'OpenAI error type, null on success',
  `error_message` string COMMENT 'short error text, redacted',
  `retries` int COMMENT 'upstream attempts beyond the first',
  `fallback_used` boolean COMMENT 'a fallback deployment answered',
  `upstream_called` boolean COMMENT 'a request reached a provider',
  `budget_reserved` decimal(22,12) COMMENT 'USD reserved before the call',
  `max_tokens_clamped` boolean COMMENT 'max_tokens lowered to fit the budget',
  `messages` string COMMENT 'request messages as JSON text, opt-in only',
  `response` string COMMENT 'response as JSON text, opt-in only',
  `user_agent` string COMMENT 'client User-Agent',
  `client` string COMMENT 'client tool: claude-code, codex, openai-python, ...',
  `session_id` string COMMENT 'agent session id, when the client sends one',
  `cache_hit` boolean COMMENT 'answered by the response cache, no upstream call',
  `saved_cost` decimal(22,12) COMMENT 'USD the upstream call would have cost, on a cache hit',
  `failover_rule_id` string COMMENT 'SLA failover rule that moved the call to another model',
  `input_cost` decimal(22,12) COMMENT 'USD of uncached input tokens, part of cost',
  `output_cost` decimal(22,12) COMMENT 'USD of output tokens, reasoning included, part of cost'
)
PARTITIONED BY (
  `dt` string COMMENT 'UTC date of start_time, yyyy-MM-dd',
  `hour` string COMMENT 'UTC hour of start_time, 00 to 23'
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
  OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://${bucket}/spend-logs/'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.dt.type'='date',
  'projection.dt.format'='yyyy-MM-dd',
  'projection.dt.range'='2025-01-01,NOW',
  'projection.dt.interval'='1',
  'projection.dt.interval.unit'='DAYS',
  'projection.hour.type'='integer',
  'projection.hour.range'='0,23',
  'projection.hour.digits'='2',
  'storage.location.template'='s3://${bucket}/spend-logs/dt=${dt}/hour=${hour}/',
  'schema_version'='1'
)
