-- Month to date against the same days of last month: requests, tokens and USD from the 1st of the
-- given day's month through that day, and from the 1st of the month before through the same day
-- of the month (all of last month when it is shorter). One row per month, the current one first;
-- a month without calls has no row.
-- Parameters: the day ('YYYY-MM-DD', UTC), three times (Athena parameters are positional):
-- Athena: PREPARE month_to_date_vs_last_month FROM <this statement>;
--         EXECUTE month_to_date_vs_last_month USING '2025-06-03', '2025-06-03', '2025-06-03'
SELECT
  substr(dt, 1, 7) AS month,
  count(DISTINCT dt) AS days_with_calls,
  count(*) AS requests,
  sum(total_tokens) AS total_tokens,
  sum(cost) AS spend
FROM spend_logs
WHERE dt BETWEEN date_format(date_add('month', -1, date_trunc('month', date(?))), '%Y-%m-%d') AND ?
  AND substr(dt, 9, 2) <= substr(?, 9, 2)
GROUP BY substr(dt, 1, 7)
ORDER BY month DESC
