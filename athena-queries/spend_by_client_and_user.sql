-- Spend by client tool and developer for a period: which tools (Claude Code, Codex, Cursor, the SDKs…)
-- each user spends through, with requests, agent sessions and USD, biggest first. `client` is what the
-- gateway names from the User-Agent; calls that sent none are grouped under '(none)', as are calls with
-- a key that belongs to no user.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE spend_by_client_and_user FROM <this statement>;
--         EXECUTE spend_by_client_and_user USING '2025-05-01', '2025-05-31'
SELECT
  coalesce(client, '(none)') AS client,
  coalesce(user_id, '(none)') AS user_id,
  count(*) AS requests,
  count(DISTINCT session_id) AS sessions,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
GROUP BY coalesce(client, '(none)'), coalesce(user_id, '(none)')
ORDER BY spend DESC, client, user_id
