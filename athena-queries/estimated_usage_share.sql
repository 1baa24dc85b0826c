-- Estimated-usage share per provider and model for a period: of the calls that reached a
-- provider, how many had their tokens counted by Tollgate because the provider reported no usage
-- (typically streams without include_usage), and how much of the spend rests on those estimates.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE estimated_usage_share FROM <this statement>;
--         EXECUTE estimated_usage_share USING '2025-05-01', '2025-05-31'
SELECT
  provider,
  model,
  count(*) AS requests,
  count_if(usage_estimated) AS estimated_requests,
  round(CAST(count_if(usage_estimated) AS double) / count(*), 6) AS estimated_share,
  sum(cost) AS spend,
  coalesce(sum(IF(usage_estimated, cost)), 0) AS estimated_spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
  AND upstream_called
GROUP BY provider, model
ORDER BY provider, model
