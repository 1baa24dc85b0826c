-- Spend by tag for a period: requests, tokens and USD per tag, biggest first. A call with several
-- tags counts fully under each of them (so the rows add up to more than the period's total; for a
-- split that adds up, see chargeback_by_team_and_tag.sql). Untagged calls show as '(untagged)'.
-- Parameters: 1. first day, 2. last day (inclusive, 'YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE spend_by_tag FROM <this statement>;
--         EXECUTE spend_by_tag USING '2025-05-01', '2025-05-31'
SELECT
  tag,
  count(*) AS requests,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
CROSS JOIN UNNEST(IF(coalesce(cardinality(tags), 0) = 0, ARRAY['(untagged)'], tags)) AS t (tag)
WHERE dt BETWEEN ? AND ?
GROUP BY tag
ORDER BY spend DESC, tag
