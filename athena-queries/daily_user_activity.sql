-- Daily activity per user for a period: per UTC day and user, requests, successes (status below
-- 400), failures, tokens and USD. Calls with no user are grouped under '(none)'.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE daily_user_activity FROM <this statement>;
--         EXECUTE daily_user_activity USING '2025-05-01', '2025-05-31'
SELECT
  dt AS day,
  coalesce(user_id, '(none)') AS user_id,
  count(*) AS requests,
  count_if(status < 400) AS successes,
  count_if(status >= 400) AS failures,
  sum(prompt_tokens) AS prompt_tokens,
  sum(completion_tokens) AS completion_tokens,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
GROUP BY dt, coalesce(user_id, '(none)')
ORDER BY day, user_id
