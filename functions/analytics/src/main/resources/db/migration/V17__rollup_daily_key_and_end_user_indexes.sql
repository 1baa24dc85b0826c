-- LiteLLM's /global/spend/report?api_key= (one key) and ?customer_id= (one end user) read rollup_daily, whose key
-- starts with the day: without these indexes a key's 90-day report walks every row of those 90 days. The same
-- shape as V1's team and user indexes (tag first, then the filter, then the day).
CREATE INDEX rollup_daily_key ON rollup_daily (tag, key_hash, day);
CREATE INDEX rollup_daily_end_user ON rollup_daily (tag, end_user, day);
