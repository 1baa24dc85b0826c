-- Spend by virtual key for a period: requests, tokens and USD per key (by its hash; the alias it
-- had, the greatest if it changed), biggest first. Calls refused before a key was known are left out.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE spend_by_key FROM <this statement>;
--         EXECUTE spend_by_key USING '2025-05-01', '2025-05-31'
SELECT
  key_hash,
  max(key_alias) AS key_alias,
  count(*) AS requests,
  count_if(status < 400) AS successes,
  sum(prompt_tokens) AS prompt_tokens,
  sum(completion_tokens) AS completion_tokens,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN ? AND ?
  AND key_hash IS NOT NULL
GROUP BY key_hash
ORDER BY spend DESC, key_hash
