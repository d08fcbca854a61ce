-- Additive monthly counts at the lowest region a fact names, summed up to every ancestor region and every month,
-- quarter and year. Kept wide: one row per region and month, not one per count.
CREATE OR REPLACE TABLE flow_rollup AS
WITH tickets AS (
  SELECT township_code AS code, month,
         count(*) AS tickets,
         count(*) FILTER (response_hours <= getvariable('response_limit_hours')) AS responded,
         count(*) FILTER (resolved <> '未回访') AS resolution_rated,
         count(*) FILTER (resolved = '已解决') AS resolved,
         count(*) FILTER (satisfaction <> '未回访') AS satisfaction_rated,
         count(*) FILTER (satisfaction = '满意' OR (satisfaction = '基本满意' AND getvariable('count_basic_satisfied'))) AS satisfied,
         count(*) FILTER (whistle) AS whistles
  FROM fact_hotline_ticket GROUP BY ALL
), cases AS (
  SELECT township_code AS code, month,
         count(*) AS cases,
         count(*) FILTER (joint) AS joint_cases,
         coalesce(sum(personnel), 0) AS personnel,
         count(*) FILTER (whistle) AS whistles
  FROM fact_enforcement_case GROUP BY ALL
), events AS (
  SELECT community_code AS code, month, count(*) AS events, count(*) FILTER (status = 'closed') AS events_closed
  FROM fact_grid_event GROUP BY ALL
), monthly AS (
  SELECT * FROM tickets
  UNION ALL BY NAME SELECT * FROM cases
  UNION ALL BY NAME SELECT * FROM events
)
SELECT rc.ancestor_code AS region_code, pm.period, pm.grain,
       sum(tickets) AS tickets, sum(responded) AS responded,
       sum(resolution_rated) AS resolution_rated, sum(resolved) AS resolved,
       sum(satisfaction_rated) AS satisfaction_rated, sum(satisfied) AS satisfied,
       sum(whistles) AS whistles,
       sum(cases) AS cases, sum(joint_cases) AS joint_cases, sum(personnel) AS personnel,
       sum(events) AS events, sum(events_closed) AS events_closed
FROM monthly
JOIN region_closure rc ON rc.code = monthly.code
JOIN period_month pm ON pm.month = monthly.month
GROUP BY ALL;
