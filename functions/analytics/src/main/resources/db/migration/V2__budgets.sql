-- Budgets created through /api/v1/budgets. The limits themselves are written onto the entity's
-- DynamoDB record (what the gateway enforces); this row keeps the budget's name, percentages and
-- alert address so the API can list and edit it.
CREATE TABLE budget (
    id                   TEXT            PRIMARY KEY,
    name                 TEXT            NOT NULL,
    entity_type          TEXT            NOT NULL,
    entity_id            TEXT            NOT NULL,
    monthly_limit        NUMERIC(22, 12) NOT NULL,
    soft_limit_percent   NUMERIC(7, 3)   NOT NULL,
    hard_limit_percent   NUMERIC(7, 3)   NOT NULL,
    alert_email          TEXT,
    created_at           TIMESTAMPTZ     NOT NULL,
    updated_at           TIMESTAMPTZ     NOT NULL,
    UNIQUE (entity_type, entity_id)
);
