CREATE TABLE IF NOT EXISTS shape.stg_regions (
  code           VARCHAR NOT NULL,
  name           VARCHAR NOT NULL,
  level          VARCHAR NOT NULL,  -- 省/市/县/乡镇/村社区
  kind           VARCHAR,           -- 乡/镇/街道/社区/村
  parent_code    VARCHAR,
  population     BIGINT,
  area_km2       DECIMAL(12, 2),
  developed_town BOOLEAN,
  pilot          BOOLEAN,
  _file          VARCHAR NOT NULL,
  _sheet         VARCHAR,
  _row           BIGINT NOT NULL
);
