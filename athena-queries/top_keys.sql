-- Top N virtual keys by spend for a period (ties broken by key hash), with their requests and tokens.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions),
--             3. N (how many keys).
-- Athena: PREPARE top_keys FROM <this statement>;
--         EXECUTE top_keys USING '2025-05-01', '2025-05-31', 10
SELECT spend_rank, key_hash, key_alias, team_id, requests, total_tokens, spend
FROM (
  SELECT
    key_hash,
    max(key_alias) AS key_alias,
    max(team_id) AS team_id,
    count(*) AS requests,
    sum(total_tokens) AS total_tokens,
    sum(cost) AS spend,
    row_number() OVER (ORDER BY sum(cost) DESC, key_hash) AS spend_rank
  FROM spend_logs
  WHERE dt BETWEEN ? AND ?
    AND key_hash IS NOT NULL
  GROUP BY key_hash
)
WHERE spend_rank <= ?
ORDER BY spend_rank
