-- Spend by user for a period: requests, tokens and USD per user (the owner of the key), biggest first.
-- Calls made with a key that belongs to no user (a service key) are grouped under '(none)'.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE spend_by_user FROM <this statement>;
--         EXECUTE spend_by_user USING '2025-05-01', '2025-05-31'
SELECT
  coalesce(user_id, '(none)') AS user_id,
  count(*) AS requests,
  count_if(status < 400) AS successes,
  sum(prompt_tokens) AS prompt_tokens,
  sum(completion_tokens) AS completion_tokens,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
GROUP BY coalesce(user_id, '(none)')
ORDER BY spend DESC, user_id
