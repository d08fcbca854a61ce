-- Caller name, phone and content never arrive here: the loader keeps only a salted hash of the phone.
CREATE TABLE IF NOT EXISTS shape.stg_hotline_tickets (
  ticket_id             VARCHAR NOT NULL,
  received_at           TIMESTAMP NOT NULL,
  caller_hash           VARCHAR,
  category              VARCHAR,
  township_code         VARCHAR NOT NULL,
  dispatched_at         TIMESTAMP NOT NULL,
  first_contact_at      TIMESTAMP,
  closed_at             TIMESTAMP,
  resolved              VARCHAR NOT NULL,  -- 已解决/未解决/未回访
  satisfaction          VARCHAR NOT NULL,  -- 满意/基本满意/不满意/未回访
  whistle               BOOLEAN NOT NULL,
  responding_department VARCHAR,
  _file                 VARCHAR NOT NULL,
  _sheet                VARCHAR,
  _row                  BIGINT NOT NULL
);
