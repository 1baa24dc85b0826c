-- Tokens per five-minute health bucket, so that the Models page can show tokens per minute per model
-- (requests per minute come from the existing requests column). Rows written before this migration count
-- zero tokens; a rollup rebuild of their range fills them in from S3.
ALTER TABLE health_5min ADD COLUMN total_tokens BIGINT NOT NULL DEFAULT 0;
