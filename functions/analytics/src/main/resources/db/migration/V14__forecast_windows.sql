-- Forecasts of every budget window (docs/forecasting.md): budgets set through the admin API may be a day,
-- a week or a month long, and a scope may have several (e.g. $5 a day and $50 a month), each forecast and
-- alerted on its own; per-model budgets (model_max_budget) are scopes of their own.
ALTER TABLE forecast ADD COLUMN budget_duration TEXT NOT NULL DEFAULT '1mo'
    CHECK (budget_duration IN ('1d', '7d', '1mo'));
ALTER TABLE forecast DROP CONSTRAINT forecast_scope_type_check;
ALTER TABLE forecast ADD CONSTRAINT forecast_scope_type_check
    CHECK (scope_type IN ('team', 'user', 'key', 'customer', 'tag', 'global', 'key_model', 'team_model'));
ALTER TABLE forecast DROP CONSTRAINT forecast_scope_type_scope_id_horizon_run_day_key;
ALTER TABLE forecast ADD CONSTRAINT forecast_scope_window_run_day_key
    UNIQUE (scope_type, scope_id, horizon, budget_duration, run_day);
