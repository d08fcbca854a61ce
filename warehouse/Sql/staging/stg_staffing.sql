CREATE TABLE IF NOT EXISTS shape.stg_staffing (
  unit_code     VARCHAR NOT NULL,
  unit_name     VARCHAR NOT NULL,
  region_code   VARCHAR NOT NULL,
  unit_kind     VARCHAR NOT NULL,  -- 党政机构/事业单位/派驻机构
  post_kind     VARCHAR NOT NULL,  -- 行政编制/事业编制
  year          INTEGER NOT NULL,
  approved      INTEGER NOT NULL,
  actual        INTEGER,
  recruited     INTEGER,
  moved_down    INTEGER,
  _file         VARCHAR NOT NULL,
  _sheet        VARCHAR,
  _row          BIGINT NOT NULL
);
