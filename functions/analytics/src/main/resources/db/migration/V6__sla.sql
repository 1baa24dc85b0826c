-- SLA monitoring (/api/v1/sla): definitions, and the violations the collector opens and resolves
-- over health_5min. Targets are NULL when the definition does not set them.
CREATE TABLE sla_definition (
    id                          TEXT            PRIMARY KEY,
    name                        TEXT            NOT NULL,
    provider                    TEXT            NOT NULL,   -- '' = any provider
    model_pattern               TEXT            NOT NULL,   -- glob: * and ?
    target_p50_ms               INTEGER,
    target_p95_ms               INTEGER,
    target_p99_ms               INTEGER,
    target_error_rate           NUMERIC(7, 6),
    target_availability         NUMERIC(7, 6),
    evaluation_window_minutes   INTEGER         NOT NULL,
    created_at                  TIMESTAMPTZ     NOT NULL,
    updated_at                  TIMESTAMPTZ     NOT NULL
);

-- One row per breach episode of a definition's metric on one provider and model. resolved_at NULL
-- means open; the partial unique index keeps at most one open row per definition, metric, provider
-- and model however many collector runs see the breach. last_breached_at is the end of the last
-- window that breached: the violation resolves once a whole healthy window starts at or after it.
CREATE TABLE sla_violation (
    id                  TEXT            PRIMARY KEY,
    definition_id       TEXT            NOT NULL REFERENCES sla_definition (id) ON DELETE CASCADE,
    metric              TEXT            NOT NULL,
    provider            TEXT            NOT NULL,
    model               TEXT            NOT NULL,
    observed            DOUBLE PRECISION NOT NULL,
    target              DOUBLE PRECISION NOT NULL,
    opened_at           TIMESTAMPTZ     NOT NULL,
    last_breached_at    TIMESTAMPTZ     NOT NULL,
    resolved_at         TIMESTAMPTZ,
    resolved_by         TEXT,                       -- 'collector' or 'manual'
    resolved_observed   DOUBLE PRECISION
);
CREATE UNIQUE INDEX sla_violation_open
    ON sla_violation (definition_id, metric, provider, model) WHERE resolved_at IS NULL;
CREATE INDEX sla_violation_opened ON sla_violation (opened_at);
