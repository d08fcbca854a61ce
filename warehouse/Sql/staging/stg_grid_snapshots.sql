CREATE TABLE IF NOT EXISTS shape.stg_grid_snapshots (
  grid_code         VARCHAR NOT NULL,
  grid_name         VARCHAR,
  community_code    VARCHAR NOT NULL,
  snapshot_date     DATE NOT NULL,
  members_full_time INTEGER NOT NULL,
  members_part_time INTEGER NOT NULL,
  households        INTEGER,
  population        INTEGER,
  status            VARCHAR NOT NULL,  -- active/inactive
  _file             VARCHAR NOT NULL,
  _sheet            VARCHAR,
  _row              BIGINT NOT NULL
);
