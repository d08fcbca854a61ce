-- Bookkeeping of loads: which file versions the warehouse holds, what was rejected, and with which settings.
CREATE TABLE IF NOT EXISTS etl_runs (
  run_id        VARCHAR NOT NULL,
  started_at    TIMESTAMP NOT NULL,
  finished_at   TIMESTAMP,
  source_dir    VARCHAR NOT NULL,
  files_loaded  INTEGER,
  files_skipped INTEGER,
  rows_loaded   BIGINT,
  rows_rejected BIGINT
);

-- One row per source file as last loaded; a changed file (same path, new sha256) replaces its rows.
CREATE TABLE IF NOT EXISTS etl_files (
  file_path     VARCHAR NOT NULL,  -- relative to the source folder, '/'-separated
  family        VARCHAR NOT NULL,
  sha256        VARCHAR NOT NULL,
  size_bytes    BIGINT NOT NULL,
  encoding      VARCHAR NOT NULL,
  run_id        VARCHAR NOT NULL,
  loaded_at     TIMESTAMP NOT NULL,
  rows_read     BIGINT NOT NULL,
  rows_loaded   BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  modified_at   TIMESTAMP,         -- the file's mtime when hashed: an unchanged size and mtime skip re-hashing
  version       VARCHAR            -- the fact files written for this file (fact_parts.version)
);

-- The Parquet files that hold the rows of each loaded file version (see docs/decisions/0006). Paths are relative
-- to the fact store folder beside the warehouse; month is the partition for the large monthly families.
CREATE TABLE IF NOT EXISTS fact_parts (
  table_name VARCHAR NOT NULL,
  file_path  VARCHAR NOT NULL,
  version    VARCHAR NOT NULL,
  month      DATE,
  path       VARCHAR NOT NULL,
  row_count  BIGINT NOT NULL
);

-- Rows that failed validation, with the first problem found. raw_text never holds personal-data columns.
CREATE TABLE IF NOT EXISTS quarantine (
  run_id      VARCHAR NOT NULL,
  file_path   VARCHAR NOT NULL,
  sheet       VARCHAR,
  row_number  BIGINT NOT NULL,     -- as a spreadsheet shows it: the header is row 1
  column_name VARCHAR,
  reason      VARCHAR NOT NULL,
  raw_text    VARCHAR,
  duplicate_of VARCHAR             -- for a duplicate of another file's row: that file, re-judged when it changes
);

CREATE TABLE IF NOT EXISTS settings (
  key   VARCHAR NOT NULL,
  value VARCHAR NOT NULL
);
