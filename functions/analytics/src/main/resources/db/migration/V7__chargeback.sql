-- Chargeback (issue 12): allocation rules, and monthly reports frozen from the rollups x the rules.
-- A rule belongs to a team (team_id) or a tag (tag), never both. metadata is free JSON for finance
-- (company_code, gl_account, cost_center, wbs_element, ...).
CREATE TABLE allocation_rule (
    id                  TEXT            PRIMARY KEY,
    name                TEXT            NOT NULL,
    team_id             TEXT,
    tag                 TEXT,
    allocation_type     TEXT            NOT NULL CHECK (allocation_type IN ('cost_center', 'project', 'department')),
    allocation_target   TEXT            NOT NULL,
    allocation_percent  NUMERIC(9, 6)   NOT NULL CHECK (allocation_percent > 0 AND allocation_percent <= 100),
    metadata            JSONB           NOT NULL DEFAULT '{}',
    created_at          TIMESTAMPTZ     NOT NULL,
    updated_at          TIMESTAMPTZ     NOT NULL,
    CHECK ((team_id IS NULL) <> (tag IS NULL))
);
CREATE INDEX allocation_rule_team ON allocation_rule (team_id);

-- One report per calendar month: a draft is replaced when regenerated; finalized and exported are frozen.
CREATE TABLE chargeback_report (
    id              TEXT            PRIMARY KEY,
    period          DATE            NOT NULL UNIQUE,
    status          TEXT            NOT NULL CHECK (status IN ('draft', 'finalized', 'exported')),
    currency        TEXT            NOT NULL,
    total_cost      NUMERIC         NOT NULL,
    total_amount    NUMERIC(20, 2)  NOT NULL,
    generated_at    TIMESTAMPTZ     NOT NULL,
    finalized_at    TIMESTAMPTZ,
    exported_at     TIMESTAMPTZ,
    exported_by     TEXT,
    export_format   TEXT
);

-- The report's lines: one per team x rule, plus one 'unallocated' line per team with spend no rule covers.
-- cost is exact (unbounded NUMERIC: cost x percent keeps every digit); amount is cents, rounded by largest remainder so the lines sum to total_amount.
CREATE TABLE chargeback_line (
    report_id           TEXT            NOT NULL REFERENCES chargeback_report (id) ON DELETE CASCADE,
    line_no             INT             NOT NULL,
    team_id             TEXT            NOT NULL,
    rule_id             TEXT,
    rule_name           TEXT,
    allocation_type     TEXT            NOT NULL,
    allocation_target   TEXT            NOT NULL,
    allocation_percent  NUMERIC(9, 6)   NOT NULL,
    metadata            JSONB           NOT NULL DEFAULT '{}',
    cost                NUMERIC         NOT NULL,
    amount              NUMERIC(20, 2)  NOT NULL,
    PRIMARY KEY (report_id, line_no)
);
