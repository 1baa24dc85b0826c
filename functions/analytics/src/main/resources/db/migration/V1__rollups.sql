-- The control plane's store: rollups of the spend logs, folded exactly once per S3 object.
-- Kept to plain PostgreSQL (Aurora PostgreSQL 16+ and embedded PostgreSQL run it unchanged).
-- Dimension columns are NOT NULL with '' for "none", so ON CONFLICT matches rows whose
-- dimension is absent (NULLs are distinct in a unique index).

-- Every S3 object whose lines are in the rollups. Inserting the key is the first statement of the
-- fold's transaction: a second fold of the same object finds it and changes nothing.
CREATE TABLE ingested_object (
    object_key   TEXT        PRIMARY KEY,
    lines        INTEGER     NOT NULL,
    cost         NUMERIC(22, 12) NOT NULL,
    ingested_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per day (budget time zone) x key x user x team x end user x requested model x served
-- model x provider x tag. tag = '*' rows hold every call once (the exact totals); the other rows
-- hold one row per tag of the call ('' for an untagged call), so tag totals overlap.
-- tag_set is the call's whole tag list (a JSON array, sorted), so the '*' rows still say which
-- tags their calls carried (the FOCUS export's Tags column) without counting a call twice.
CREATE TABLE rollup_daily (
    day                 DATE            NOT NULL,
    key_hash            TEXT            NOT NULL,
    user_id             TEXT            NOT NULL,
    team_id             TEXT            NOT NULL,
    end_user            TEXT            NOT NULL,
    requested_model     TEXT            NOT NULL,
    model               TEXT            NOT NULL,
    provider            TEXT            NOT NULL,
    tag                 TEXT            NOT NULL,
    tag_set             TEXT            NOT NULL,
    key_alias           TEXT            NOT NULL DEFAULT '',
    requests            BIGINT          NOT NULL,
    successes           BIGINT          NOT NULL,
    errors              BIGINT          NOT NULL,
    prompt_tokens       BIGINT          NOT NULL,
    completion_tokens   BIGINT          NOT NULL,
    cache_read_tokens   BIGINT          NOT NULL,
    cache_write_tokens  BIGINT          NOT NULL,
    reasoning_tokens    BIGINT          NOT NULL,
    total_tokens        BIGINT          NOT NULL,
    cost                NUMERIC(22, 12) NOT NULL,
    cache_read_cost     NUMERIC(22, 12) NOT NULL,
    cache_write_cost    NUMERIC(22, 12) NOT NULL,
    PRIMARY KEY (day, tag, key_hash, user_id, team_id, end_user, requested_model, model, provider, tag_set)
);
CREATE INDEX rollup_daily_team ON rollup_daily (tag, team_id, day);
CREATE INDEX rollup_daily_user ON rollup_daily (tag, user_id, day);

-- Five-minute health per provider and model, over calls that reached a provider.
-- Histograms are sparse JSON objects {bucket: count} of LatencyHistogram buckets (p50/p95/p99 within 2%).
CREATE TABLE health_5min (
    bucket_start        TIMESTAMPTZ     NOT NULL,
    provider            TEXT            NOT NULL,
    model               TEXT            NOT NULL,
    requests            BIGINT          NOT NULL,
    errors_server       BIGINT          NOT NULL,
    errors_timeout      BIGINT          NOT NULL,
    errors_connection   BIGINT          NOT NULL,
    errors_client       BIGINT          NOT NULL,
    latency_ms_sum      BIGINT          NOT NULL,
    latency_hist        JSONB           NOT NULL,
    ttft_count          BIGINT          NOT NULL,
    ttft_hist           JSONB           NOT NULL,
    PRIMARY KEY (bucket_start, provider, model)
);
