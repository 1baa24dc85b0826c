-- Spend by provider for a period: requests, tokens and USD per provider (openai, anthropic,
-- bedrock, ...), biggest first. Calls that resolved to no provider are grouped under '(none)'.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE spend_by_provider FROM <this statement>;
--         EXECUTE spend_by_provider USING '2025-05-01', '2025-05-31'
SELECT
  coalesce(provider, '(none)') AS provider,
  count(*) AS requests,
  count_if(status < 400) AS successes,
  sum(prompt_tokens) AS prompt_tokens,
  sum(completion_tokens) AS completion_tokens,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
GROUP BY coalesce(provider, '(none)')
ORDER BY spend DESC, provider
