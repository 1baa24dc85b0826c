-- The cost report filtered by team (/api/v1/reports/cost?team_id=, the dashboard's team view) reads the days
-- outside whole months from rollup_user_daily, whose key starts with the day: without this index a team
-- filter scans every row of those days, once per breakdown.
CREATE INDEX rollup_user_daily_team ON rollup_user_daily (team_id, day);
