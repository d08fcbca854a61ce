-- Additive monthly counts at the lowest region a fact names, in long form so one roll-up serves them all.
CREATE OR REPLACE TABLE flow_component AS
WITH tickets AS (
  SELECT township_code AS code, month,
         count(*) AS tickets,
         count(*) FILTER (response_hours <= getvariable('response_limit_hours')) AS responded,
         count(*) FILTER (resolved <> '未回访') AS resolution_rated,
         count(*) FILTER (resolved = '已解决') AS resolved,
         count(*) FILTER (satisfaction <> '未回访') AS satisfaction_rated,
         count(*) FILTER (satisfaction = '满意' OR (satisfaction = '基本满意' AND getvariable('count_basic_satisfied'))) AS satisfied,
         count(*) FILTER (whistle) AS ticket_whistles
  FROM fact_hotline_ticket GROUP BY ALL
), cases AS (
  SELECT township_code AS code, month,
         count(*) AS cases,
         count(*) FILTER (joint) AS joint_cases,
         coalesce(sum(personnel), 0) AS personnel,
         count(*) FILTER (whistle) AS case_whistles
  FROM fact_enforcement_case GROUP BY ALL
), events AS (
  SELECT community_code AS code, month, count(*) AS events, count(*) FILTER (status = 'closed') AS events_closed
  FROM fact_grid_event GROUP BY ALL
)
SELECT code, month, component, amount FROM (
  UNPIVOT tickets ON tickets, responded, resolution_rated, resolved, satisfaction_rated, satisfied, ticket_whistles
  INTO NAME component VALUE amount)
UNION ALL
SELECT code, month, component, amount FROM (
  UNPIVOT cases ON cases, joint_cases, personnel, case_whistles INTO NAME component VALUE amount)
UNION ALL
SELECT code, month, component, amount FROM (
  UNPIVOT events ON events, events_closed INTO NAME component VALUE amount);

-- Summed up to every ancestor region and every month, quarter and year.
CREATE OR REPLACE TABLE flow_rollup AS
SELECT rc.ancestor_code AS region_code, pm.period, pm.grain,
       sum(amount) FILTER (component = 'tickets') AS tickets,
       sum(amount) FILTER (component = 'responded') AS responded,
       sum(amount) FILTER (component = 'resolution_rated') AS resolution_rated,
       sum(amount) FILTER (component = 'resolved') AS resolved,
       sum(amount) FILTER (component = 'satisfaction_rated') AS satisfaction_rated,
       sum(amount) FILTER (component = 'satisfied') AS satisfied,
       sum(amount) FILTER (component IN ('ticket_whistles', 'case_whistles')) AS whistles,
       sum(amount) FILTER (component = 'cases') AS cases,
       sum(amount) FILTER (component = 'joint_cases') AS joint_cases,
       sum(amount) FILTER (component = 'personnel') AS personnel,
       sum(amount) FILTER (component = 'events') AS events,
       sum(amount) FILTER (component = 'events_closed') AS events_closed
FROM flow_component f
JOIN region_closure rc ON rc.code = f.code
JOIN period_month pm ON pm.month = f.month
GROUP BY ALL;
