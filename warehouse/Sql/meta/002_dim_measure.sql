-- The measure catalog (Analytics.Warehouse.Measures.MeasureCatalog), written by every load, so the marts and
-- anyone reading the file with DuckDB see the same definitions as the API.
CREATE TABLE IF NOT EXISTS dim_measure (
  id               VARCHAR NOT NULL,
  name_zh          VARCHAR NOT NULL,
  name_en          VARCHAR NOT NULL,
  definition       VARCHAR NOT NULL,
  unit             VARCHAR NOT NULL,  -- count/ratio/score
  kind             VARCHAR NOT NULL,  -- flow/cumulative/snapshot
  family           VARCHAR NOT NULL,
  higher_is_better BOOLEAN NOT NULL,  -- ranking order: false only where lower is better
  grains           VARCHAR NOT NULL,
  direction        VARCHAR            -- up/down/none: none for volumes neither good nor bad (tickets, cases)
);
-- Added after higher_is_better, whose meaning stays: a warehouse created before it gets the column here.
ALTER TABLE dim_measure ADD COLUMN IF NOT EXISTS direction VARCHAR;
