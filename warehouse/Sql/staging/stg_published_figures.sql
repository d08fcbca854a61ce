CREATE TABLE IF NOT EXISTS shape.stg_published_figures (
  region_code     VARCHAR NOT NULL,  -- one code, or codes joined by '+' for a figure that sums regions
  indicator       VARCHAR NOT NULL,  -- a measure id
  period          VARCHAR NOT NULL,  -- 2024, 2024-Q3, 2024-07, or a range of years 2019..2021
  value           DOUBLE NOT NULL,
  source_document VARCHAR,
  quote           VARCHAR,
  _file           VARCHAR NOT NULL,
  _sheet          VARCHAR,
  _row            BIGINT NOT NULL
);
