-- LiteLLM's /global/spend/report?team_id= reads one team's rows of rollup_key_daily, whose key starts with the
-- day: without this index a one-team 90-day report walks every team's rows of those days. Ordered as the
-- report reads them (team fixed, then day, key, model), so PostgreSQL neither filters other teams nor sorts.
CREATE INDEX rollup_key_daily_team ON rollup_key_daily (team_id, day, key_hash, model);
