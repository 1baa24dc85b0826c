-- Prompt-cache savings for a period, per model: cached tokens, what the cache reads cost and what
-- the same tokens would have cost as uncached input (both priced at call time and logged per call),
-- the write premium (cache writes cost more than plain input at some providers) and the net saving
-- (read savings minus write premium). Only calls that read or wrote the cache; biggest saving first.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE cache_savings FROM <this statement>;
--         EXECUTE cache_savings USING '2025-05-01', '2025-05-31'
SELECT
  coalesce(model, '(none)') AS model,
  count(*) AS requests,
  sum(cache_read_tokens) AS cache_read_tokens,
  sum(cache_write_tokens) AS cache_write_tokens,
  sum(cache_read_cost) AS cache_read_cost,
  sum(cache_read_uncached_cost) AS cache_read_uncached_cost,
  sum(cache_read_uncached_cost - cache_read_cost) AS read_savings,
  sum(cache_write_cost - cache_write_uncached_cost) AS write_premium,
  sum((cache_read_uncached_cost - cache_read_cost) - (cache_write_cost - cache_write_uncached_cost)) AS net_savings
FROM spend_logs
WHERE dt BETWEEN ? AND ?
  AND (cache_read_tokens > 0 OR cache_write_tokens > 0)
GROUP BY coalesce(model, '(none)')
ORDER BY net_savings DESC, model
