-- Spend by team for a period: requests, tokens and USD per team, biggest spender first.
-- Calls made with a key that belongs to no team are grouped under '(none)'.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE spend_by_team FROM <this statement>;
--         EXECUTE spend_by_team USING '2025-05-01', '2025-05-31'
SELECT
  coalesce(team_id, '(none)') AS team_id,
  count(*) AS requests,
  count_if(status < 400) AS successes,
  sum(prompt_tokens) AS prompt_tokens,
  sum(completion_tokens) AS completion_tokens,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
GROUP BY coalesce(team_id, '(none)')
ORDER BY spend DESC, team_id
