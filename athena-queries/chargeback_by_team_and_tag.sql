-- Chargeback for a month, by team and tag: what each team owes per tag. A call's cost is split
-- evenly among its tags (rounded half up to 12 decimal places), so a team's rows add up to its
-- spend; untagged calls are charged to '(untagged)', calls without a team to team '(none)'.
-- Parameters: 1. the month's first day, 2. its last day ('YYYY-MM-DD'; they prune the dt partitions).
-- Athena: PREPARE chargeback_by_team_and_tag FROM <this statement>;
--         EXECUTE chargeback_by_team_and_tag USING '2025-05-01', '2025-05-31'
SELECT
  coalesce(team_id, '(none)') AS team_id,
  tag,
  count(*) AS requests,
  sum(total_tokens) AS total_tokens,
  sum(IF(coalesce(cardinality(tags), 0) = 0, cost, cost / cardinality(tags))) AS charge
FROM spend_logs
CROSS JOIN UNNEST(IF(coalesce(cardinality(tags), 0) = 0, ARRAY['(untagged)'], tags)) AS t (tag)
WHERE dt BETWEEN ? AND ?
GROUP BY coalesce(team_id, '(none)'), tag
ORDER BY team_id, charge DESC, tag
