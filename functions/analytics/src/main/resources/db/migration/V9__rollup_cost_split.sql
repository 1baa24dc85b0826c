-- The recorded split of a call's cost (spend-log input_cost and output_cost): the FOCUS export's input and
-- output rows use it, so they equal what the Athena query (athena-queries/focus_export.sql) sums from the
-- same lines. Rows folded from lines without the split keep 0 here; the export allocates their remainder.
ALTER TABLE rollup_daily ADD COLUMN input_cost NUMERIC(22, 12) NOT NULL DEFAULT 0;
ALTER TABLE rollup_daily ADD COLUMN output_cost NUMERIC(22, 12) NOT NULL DEFAULT 0;
