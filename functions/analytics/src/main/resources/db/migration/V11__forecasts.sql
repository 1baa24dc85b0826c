-- Forecasts (issue 12, docs/forecasting.md). Every run's forecasts are kept, so forecast vs actual can
-- be plotted: one row per scope x horizon x day it was made (a second run on the same day replaces the
-- first), and its days in forecast_day.
CREATE TABLE forecast (
    id                          BIGSERIAL       PRIMARY KEY,
    scope_type                  TEXT            NOT NULL CHECK (scope_type IN ('team', 'user', 'key', 'customer', 'tag', 'global')),
    scope_id                    TEXT            NOT NULL,
    team_id                     TEXT            NOT NULL,   -- the scope's team ('' when none): the team_id filter
    horizon                     TEXT            NOT NULL CHECK (horizon IN ('budget_window', 'next_month')),
    run_day                     DATE            NOT NULL,   -- the day it was made (budget time zone)
    period_start                DATE            NOT NULL,
    period_end                  DATE            NOT NULL,
    actual_to_date              NUMERIC(22, 12) NOT NULL,   -- spend in the period before run_day
    forecasted_cost             NUMERIC(22, 6)  NOT NULL,   -- the period's total: actual to date + forecast
    confidence_low              NUMERIC(22, 6)  NOT NULL,
    confidence_high             NUMERIC(22, 6)  NOT NULL,
    confidence_low_95           NUMERIC(22, 6)  NOT NULL,
    confidence_high_95          NUMERIC(22, 6)  NOT NULL,
    method                      TEXT            NOT NULL,
    history_days                INTEGER         NOT NULL,
    budget                      NUMERIC(22, 12),
    projected_exhaustion_date   DATE,
    probability_over_budget     NUMERIC(5, 4),
    backtest_mape               NUMERIC(9, 2),
    interval_coverage           NUMERIC(5, 4),
    generated_at                TIMESTAMPTZ     NOT NULL,
    UNIQUE (scope_type, scope_id, horizon, run_day)
);
CREATE INDEX forecast_latest ON forecast (run_day, scope_type, scope_id);

-- The period's days: actual for the days before run_day, forecast and its 80% interval from run_day on.
CREATE TABLE forecast_day (
    forecast_id     BIGINT          NOT NULL REFERENCES forecast (id) ON DELETE CASCADE,
    day             DATE            NOT NULL,
    actual          NUMERIC(22, 12),
    forecast        NUMERIC(22, 6),
    low             NUMERIC(22, 6),
    high            NUMERIC(22, 6),
    PRIMARY KEY (forecast_id, day)
);
