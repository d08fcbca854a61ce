CREATE TABLE IF NOT EXISTS shape.stg_devolved_powers (
  township_code     VARCHAR NOT NULL,
  item_code         VARCHAR NOT NULL,
  item_name         VARCHAR,
  source_department VARCHAR NOT NULL,
  method            VARCHAR NOT NULL,  -- 交办/委托/授权/下放
  devolved_on       DATE NOT NULL,
  catalogue         VARCHAR,           -- 省级目录/一镇一目录/其他
  _file             VARCHAR NOT NULL,
  _sheet            VARCHAR,
  _row              BIGINT NOT NULL
);
