-- Additive monthly counts at the lowest region a fact names, one table per monthly family. Before this script the
-- loader points each monthly stg_ view at the Parquet parts of the months it must recompute (all of them on a full
-- build) and fills affected_months; the months are deleted here and inserted again, so a load pays for the months
-- its files touch, not for the history (docs/decisions/0006).
CREATE OR REPLACE TEMP VIEW tickets_monthly_delta AS
SELECT township_code AS code, month,
       count(*) AS tickets,
       count(*) FILTER (response_hours <= getvariable('response_limit_hours')) AS responded,
       count(*) FILTER (resolved <> '未回访') AS resolution_rated,
       count(*) FILTER (resolved = '已解决') AS resolved,
       count(*) FILTER (satisfaction <> '未回访') AS satisfaction_rated,
       count(*) FILTER (satisfaction = '满意' OR (satisfaction = '基本满意' AND getvariable('count_basic_satisfied'))) AS satisfied,
       count(*) FILTER (whistle) AS whistles
FROM fact_hotline_ticket GROUP BY ALL;
CREATE TABLE IF NOT EXISTS flow_tickets_monthly AS FROM tickets_monthly_delta LIMIT 0;
DELETE FROM flow_tickets_monthly WHERE month IN (SELECT month FROM affected_months WHERE table_name = 'stg_hotline_tickets');
INSERT INTO flow_tickets_monthly FROM tickets_monthly_delta;

CREATE OR REPLACE TEMP VIEW cases_monthly_delta AS
SELECT township_code AS code, month,
       count(*) AS cases,
       count(*) FILTER (joint) AS joint_cases,
       CAST(coalesce(sum(personnel), 0) AS BIGINT) AS personnel,
       count(*) FILTER (whistle) AS whistles
FROM fact_enforcement_case GROUP BY ALL;
CREATE TABLE IF NOT EXISTS flow_cases_monthly AS FROM cases_monthly_delta LIMIT 0;
DELETE FROM flow_cases_monthly WHERE month IN (SELECT month FROM affected_months WHERE table_name = 'stg_enforcement_cases');
INSERT INTO flow_cases_monthly FROM cases_monthly_delta;

CREATE OR REPLACE TEMP VIEW events_monthly_delta AS
SELECT community_code AS code, month, count(*) AS events, count(*) FILTER (status = 'closed') AS events_closed
FROM fact_grid_event GROUP BY ALL;
CREATE TABLE IF NOT EXISTS flow_events_monthly AS FROM events_monthly_delta LIMIT 0;
DELETE FROM flow_events_monthly WHERE month IN (SELECT month FROM affected_months WHERE table_name = 'stg_grid_events');
INSERT INTO flow_events_monthly FROM events_monthly_delta;
