CREATE TABLE IF NOT EXISTS shape.stg_enforcement_cases (
  case_id       VARCHAR NOT NULL,
  township_code VARCHAR NOT NULL,
  domain        VARCHAR NOT NULL,
  opened_on     DATE NOT NULL,
  closed_on     DATE,
  joint         BOOLEAN NOT NULL,
  personnel     INTEGER,
  outcome       VARCHAR,  -- 处罚/责令整改/移送/不予处罚
  fine_yuan     DECIMAL(18, 2),
  whistle       BOOLEAN NOT NULL,
  _file         VARCHAR NOT NULL,
  _sheet        VARCHAR,
  _row          BIGINT NOT NULL
);
