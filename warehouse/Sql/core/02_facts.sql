-- Facts are views over the typed staging tables: one copy of each row, derived fields computed where read.
CREATE OR REPLACE VIEW fact_hotline_ticket AS
SELECT ticket_id, township_code, category,
       received_at, dispatched_at, first_contact_at, closed_at,
       CAST(date_trunc('month', received_at) AS DATE) AS month,
       date_diff('minute', dispatched_at, first_contact_at) / 60.0 AS response_hours,
       date_diff('minute', dispatched_at, closed_at) / 60.0 AS handling_hours,
       resolved, satisfaction, whistle, responding_department
FROM stg_hotline_tickets;

CREATE OR REPLACE VIEW fact_enforcement_case AS
SELECT case_id, township_code, domain, opened_on, closed_on,
       CAST(date_trunc('month', opened_on) AS DATE) AS month,
       joint, personnel, outcome, fine_yuan, whistle
FROM stg_enforcement_cases;

CREATE OR REPLACE VIEW fact_institution_reform AS
SELECT township_code, completed_on, model,
       bodies_before, bodies_after, institutions_before, institutions_after, internal_before, internal_after
FROM stg_institution_reforms;

CREATE OR REPLACE VIEW fact_devolved_power AS
SELECT township_code, item_code, item_name, source_department, method, devolved_on,
       CAST(date_trunc('month', devolved_on) AS DATE) AS month, catalogue
FROM stg_devolved_powers;

CREATE OR REPLACE VIEW fact_grid_snapshot AS
SELECT grid_code, grid_name, community_code, snapshot_date,
       members_full_time, members_part_time, members_full_time + members_part_time AS members,
       households, population, status
FROM stg_grid_snapshots;

-- An event belongs to its grid's community: the latest snapshot that names the grid tells which.
CREATE OR REPLACE VIEW fact_grid_event AS
SELECT e.event_id, e.grid_code, g.community_code, e.category, e.reported_at, e.dispatched_at, e.closed_at,
       CAST(date_trunc('month', e.reported_at) AS DATE) AS month, e.status, e.source
FROM stg_grid_events e
JOIN (SELECT grid_code, arg_max(community_code, snapshot_date) AS community_code FROM stg_grid_snapshots GROUP BY grid_code) g
  USING (grid_code);

CREATE OR REPLACE VIEW fact_staffing AS
SELECT unit_code, unit_name, region_code, unit_kind, post_kind, year,
       approved, actual, recruited, moved_down
FROM stg_staffing;
