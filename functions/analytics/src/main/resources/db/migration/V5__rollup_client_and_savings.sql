-- The client tool (claude-code, codex, openai-python, ... from the spend log's `client`) becomes a
-- dimension of rollup_daily, so spend can be grouped by client like by team or model; and the
-- response cache's savings are rolled up beside the cost. Rows folded before this version have
-- client '' (their lines had no client field) and no savings; `./tollgate rollups rebuild` (or the
-- jobs function's rebuild event) recomputes a date range from the S3 objects.
ALTER TABLE rollup_daily ADD COLUMN client TEXT NOT NULL DEFAULT '';
ALTER TABLE rollup_daily ADD COLUMN cache_hits BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rollup_daily ADD COLUMN saved_cost NUMERIC(22, 12) NOT NULL DEFAULT 0;
ALTER TABLE rollup_daily DROP CONSTRAINT rollup_daily_pkey;
ALTER TABLE rollup_daily ADD PRIMARY KEY
    (day, tag, key_hash, user_id, team_id, end_user, requested_model, model, provider, tag_set, client);
