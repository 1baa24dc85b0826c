-- A coarser daily rollup for the reports that need no key, end user or tag: day x team x user x
-- served model x provider, every call once. Folded in the same transaction as rollup_daily, so the
-- two always agree. The cost, trend and summary reports read it, and its size depends on how many
-- users and models are active per day, not on the number of calls.
CREATE TABLE rollup_user_daily (
    day                 DATE            NOT NULL,
    team_id             TEXT            NOT NULL,
    user_id             TEXT            NOT NULL,
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
    PRIMARY KEY (day, team_id, user_id, model, provider)
);

-- Existing rows, so a database migrated after calls were folded starts consistent.
INSERT INTO rollup_user_daily
SELECT day, team_id, user_id, model, provider, sum(requests), sum(successes), sum(errors),
       sum(prompt_tokens), sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
       sum(reasoning_tokens), sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost)
FROM rollup_daily WHERE tag = '*'
GROUP BY day, team_id, user_id, model, provider;
