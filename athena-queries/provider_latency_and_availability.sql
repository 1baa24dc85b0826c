-- Latency, error rate and availability per provider and model for a period (the SLA checks use
-- the same definitions). Only calls that reached a provider (upstream_called): refusals by the
-- gateway itself (key, budget, rate limit, validation) say nothing about the provider.
--   error_rate   = calls answered with status >= 400 / calls
--   availability = 1 - calls that failed at the provider (status >= 500: 5xx, timeouts) / calls
--   p50/p95/p99  = approximate percentiles of duration_ms (end - start) of the successful calls
--   ttft_p50/p95 = approximate percentiles of time to first token of successful streamed calls
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE provider_latency_and_availability FROM <this statement>;
--         EXECUTE provider_latency_and_availability USING '2025-05-01', '2025-05-31'
SELECT
  provider,
  model,
  count(*) AS requests,
  count_if(status < 400) AS successes,
  count_if(status >= 500) AS provider_failures,
  round(CAST(count_if(status >= 400) AS double) / count(*), 6) AS error_rate,
  round(1 - CAST(count_if(status >= 500) AS double) / count(*), 6) AS availability,
  approx_percentile(IF(status < 400, duration_ms), 0.50) AS p50_ms,
  approx_percentile(IF(status < 400, duration_ms), 0.95) AS p95_ms,
  approx_percentile(IF(status < 400, duration_ms), 0.99) AS p99_ms,
  approx_percentile(IF(status < 400 AND stream, time_to_first_token_ms), 0.50) AS ttft_p50_ms,
  approx_percentile(IF(status < 400 AND stream, time_to_first_token_ms), 0.95) AS ttft_p95_ms
FROM spend_logs
WHERE dt BETWEEN ? AND ?
  AND upstream_called
GROUP BY provider, model
ORDER BY provider, model
