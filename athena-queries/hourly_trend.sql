-- Hourly trend for a period: per UTC day and hour (of the call's start), requests, failures,
-- streamed calls, tokens and USD. Hours without calls have no row.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE hourly_trend FROM <this statement>;
--         EXECUTE hourly_trend USING '2025-05-01', '2025-05-02'
SELECT
  dt AS day,
  hour,
  count(*) AS requests,
  count_if(status >= 400) AS failures,
  count_if(stream) AS streamed,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
GROUP BY dt, hour
ORDER BY day, hour
