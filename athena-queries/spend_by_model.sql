-- Spend by model for a period: requests, tokens and USD per resolved public model name, biggest
-- first. Calls whose model did not resolve are grouped under '(none)'.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE spend_by_model FROM <this statement>;
--         EXECUTE spend_by_model USING '2025-05-01', '2025-05-31'
SELECT
  coalesce(model, '(none)') AS model,
  count(*) AS requests,
  count_if(status < 400) AS successes,
  sum(prompt_tokens) AS prompt_tokens,
  sum(completion_tokens) AS completion_tokens,
  sum(cache_read_tokens) AS cache_read_tokens,
  sum(reasoning_tokens) AS reasoning_tokens,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
GROUP BY coalesce(model, '(none)')
ORDER BY spend DESC, model
