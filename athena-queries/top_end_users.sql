-- Top N end users (the OpenAI "user" field: your customers) by spend for a period, ties broken by
-- name, with their requests, tokens and how many of your keys they came through.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions),
--             3. N (how many end users).
-- Athena: PREPARE top_end_users FROM <this statement>;
--         EXECUTE top_end_users USING '2025-05-01', '2025-05-31', 10
SELECT spend_rank, end_user, requests, distinct_keys, total_tokens, spend
FROM (
  SELECT
    end_user,
    count(*) AS requests,
    count(DISTINCT key_hash) AS distinct_keys,
    sum(total_tokens) AS total_tokens,
    sum(cost) AS spend,
    row_number() OVER (ORDER BY sum(cost) DESC, end_user) AS spend_rank
  FROM spend_logs
  WHERE dt BETWEEN ? AND ?
    AND end_user IS NOT NULL
  GROUP BY end_user
)
WHERE spend_rank <= ?
ORDER BY spend_rank
