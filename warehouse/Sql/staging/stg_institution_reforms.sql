CREATE TABLE IF NOT EXISTS shape.stg_institution_reforms (
  township_code       VARCHAR NOT NULL,
  completed_on        DATE NOT NULL,
  model               VARCHAR,
  bodies_before       INTEGER NOT NULL,
  bodies_after        INTEGER NOT NULL,
  institutions_before INTEGER,
  institutions_after  INTEGER,
  internal_before     INTEGER,
  internal_after      INTEGER,
  _file               VARCHAR NOT NULL,
  _sheet              VARCHAR,
  _row                BIGINT NOT NULL
);
