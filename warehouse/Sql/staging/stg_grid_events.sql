CREATE TABLE IF NOT EXISTS shape.stg_grid_events (
  event_id      VARCHAR NOT NULL,
  grid_code     VARCHAR NOT NULL,
  category      VARCHAR,
  reported_at   TIMESTAMP NOT NULL,
  dispatched_at TIMESTAMP,
  closed_at     TIMESTAMP,
  status        VARCHAR NOT NULL,  -- closed/open/in_progress
  source        VARCHAR,           -- patrol/hotline/camera/drone
  _file         VARCHAR NOT NULL,
  _sheet        VARCHAR,
  _row          BIGINT NOT NULL
);
