-- The daily counterparts of rollup_team_monthly and rollup_member_monthly. Reports over days that are not whole
-- calendar months (custom ranges, period=daily|weekly, the trend's daily series, the summary's today and this
-- week) read these instead of rollup_user_daily (day x team x user x model x provider) when they need no more
-- dimensions: a few thousand rows a day instead of one per user and model. Every call counts once in each;
-- they are folded in the same transaction as the other rollups (CoarseTable) and rebuilt per day with them.

-- day x team x served model x provider: the cost report's totals and its model and team breakdowns, the trend.
CREATE TABLE rollup_team_daily (
    day                 DATE            NOT NULL,
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
    PRIMARY KEY (day, team_id, model, provider)
);

-- day x team x user: the cost report's user breakdown, and totals that need no model.
CREATE TABLE rollup_member_daily (
    day                 DATE            NOT NULL,
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
    PRIMARY KEY (day, team_id, user_id)
);

-- Existing rows, so a database migrated after calls were folded starts consistent. rollup_user_daily has both
-- tables' columns; the lock waits for folds in progress and holds new ones until this commits, so both tables
-- are summed from the same rows.
LOCK TABLE rollup_user_daily IN SHARE MODE;

INSERT INTO rollup_team_daily
SELECT day, team_id, model, provider, sum(requests), sum(successes), sum(errors), sum(prompt_tokens),
       sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),
       sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost)
FROM rollup_user_daily GROUP BY day, team_id, model, provider;

INSERT INTO rollup_member_daily
SELECT day, team_id, user_id, sum(requests), sum(successes), sum(errors), sum(prompt_tokens),
       sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(reasoning_tokens),
       sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost)
FROM rollup_user_daily GROUP BY day, team_id, user_id;

-- A team's cost report (/api/v1/reports/cost?team_id=) reads one team's rows of the days outside whole months;
-- the keys start with the day, so without these a team filter walks every team's rows of those days (V10 gives
-- rollup_user_daily the same index for the same reason).
CREATE INDEX rollup_team_daily_team ON rollup_team_daily (team_id, day);
CREATE INDEX rollup_member_daily_team ON rollup_member_daily (team_id, day);
