-- Narrow rollups, each read by one report, so the reports scan hundreds or thousands of rows instead of
-- one per user, model and day (docs/benchmarks.md, "Rollups and reports"). Every call counts once in
-- each; they are folded in the same transaction as rollup_daily (RollupStore.fold) and rebuilt with it.

-- month x team x served model x provider: the cost report's totals and its model and team breakdowns.
CREATE TABLE rollup_team_monthly (
    month               DATE            NOT NULL,
    team_id             TEXT            NOT NULL,
    model               TEXT            NOT NULL,
    provider            TEXT            NOT NULL,
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
    PRIMARY KEY (month, team_id, model, provider)
);

-- month x team x user: the cost report's user breakdown.
CREATE TABLE rollup_member_monthly (
    month               DATE            NOT NULL,
    team_id             TEXT            NOT NULL,
    user_id             TEXT            NOT NULL,
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
    PRIMARY KEY (month, team_id, user_id)
);

-- day x team x key x served model: LiteLLM's /global/spend/report?group_by=team (spend per model and key,
-- per team, per day) without the user, end-user, requested-model, tag-set and client columns.
CREATE TABLE rollup_key_daily (
    day                 DATE            NOT NULL,
    team_id             TEXT            NOT NULL,
    key_hash            TEXT            NOT NULL,
    model               TEXT            NOT NULL,
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
    PRIMARY KEY (day, team_id, key_hash, model)
);

-- Existing rows, so a database migrated after calls were folded starts consistent.
INSERT INTO rollup_team_monthly
SELECT month, team_id, model, provider, sum(requests), sum(successes), sum(errors), sum(prompt_tokens),
       sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),
       sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost)
FROM rollup_user_monthly GROUP BY month, team_id, model, provider;

INSERT INTO rollup_member_monthly
SELECT month, team_id, user_id, sum(requests), sum(successes), sum(errors), sum(prompt_tokens),
       sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),
       sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost)
FROM rollup_user_monthly GROUP BY month, team_id, user_id;

INSERT INTO rollup_key_daily
SELECT day, team_id, key_hash, model, sum(requests), sum(successes), sum(errors), sum(prompt_tokens),
       sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),
       sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost)
FROM rollup_daily WHERE tag = '*' GROUP BY day, team_id, key_hash, model;
