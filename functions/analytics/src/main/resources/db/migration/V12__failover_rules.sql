-- Failover rules (/api/v1/sla/failover-rules): when the SLA collector finds a rule's condition true,
-- calls for primary_model go to fallback_model until active_until (the cooldown); the collector then
-- ends the failover if the primary is healthy, or extends it. The active rules are published to one
-- DynamoDB item the proxy reads (FAILOVER#ACTIVE); this table is the control plane's record of them.
CREATE TABLE failover_rule (
    id                  TEXT            PRIMARY KEY,
    primary_model       TEXT            NOT NULL,
    fallback_model      TEXT            NOT NULL,
    trigger_condition   TEXT            NOT NULL,   -- error_rate | latency_p95 | availability | sla_violation
    trigger_threshold   DOUBLE PRECISION,           -- NULL for sla_violation
    cooldown_minutes    INTEGER         NOT NULL,
    created_at          TIMESTAMPTZ     NOT NULL,
    updated_at          TIMESTAMPTZ     NOT NULL,
    active_since        TIMESTAMPTZ,                -- NULL = not active
    active_until        TIMESTAMPTZ,                -- the end of the current cooldown
    ended_at            TIMESTAMPTZ,                -- when the last failover ended (its buckets no longer trigger)
    CHECK (primary_model <> fallback_model)
);
CREATE INDEX failover_rule_primary ON failover_rule (primary_model);
