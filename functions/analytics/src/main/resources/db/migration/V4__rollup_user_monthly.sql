-- The coarse rollup by calendar month (budget time zone): month x team x user x model x provider,
-- each call once, folded in the same transaction as the daily tables. A month-to-date cost report
-- reads one row per user and model instead of one per user, model and day.
CREATE TABLE rollup_user_monthly (
    month               DATE            NOT NULL,
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
    PRIMARY KEY (month, team_id, user_id, model, provider)
);

INSERT INTO rollup_user_monthly
SELECT date_trunc('month', day)::date, team_id, user_id, model, provider, sum(requests), sum(successes),
       sum(errors), sum(prompt_tokens), sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
       sum(reasoning_tokens), sum(total_tokens), sum(cost), sum(cache_read_cost), sum(cache_write_cost)
FROM rollup_user_daily
GROUP BY date_trunc('month', day)::date, team_id, user_id, model, provider;
