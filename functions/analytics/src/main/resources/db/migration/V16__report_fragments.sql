-- LiteLLM's day-grouped /global/spend/report lists every day × group × key × model: 1.2 million entries for 90 days
-- of 10,000 keys, too many to rebuild on every request. Each day's part of the answer is kept here, compressed
-- (docs/analytics.md, "Stored day fragments"), and is used only while it was built from the day's current rollups.

-- Bumped in every transaction that changes a day's rollups (a fold, a rebuild of the day).
CREATE TABLE rollup_day_version (
    day      DATE   PRIMARY KEY,
    version  BIGINT NOT NULL
);

-- Every day that already has rollups starts at version 1.
INSERT INTO rollup_day_version (day, version)
SELECT day, 1 FROM rollup_user_daily GROUP BY day;

-- One day of one report (kind = the grouping and the budget time zone), as raw DEFLATE blocks ending in a sync
-- flush, with the length and CRC-32 of the JSON they hold; valid while version = the day's version.
CREATE TABLE report_fragment (
    kind        TEXT    NOT NULL,
    day         DATE    NOT NULL,
    version     BIGINT  NOT NULL,
    raw_length  INTEGER NOT NULL,
    crc32       BIGINT  NOT NULL,
    body        BYTEA   NOT NULL,
    PRIMARY KEY (kind, day)
);

-- already compressed: stored out of line as it is, not compressed again by PostgreSQL
ALTER TABLE report_fragment ALTER COLUMN body SET STORAGE EXTERNAL;
