-- The monthly counts summed up to every ancestor region and to every month, quarter and year, for the periods the
-- load affects (affected_periods). Kept wide: one row per region and period, not one per count.
CREATE OR REPLACE TEMP VIEW flow_rollup_delta AS
WITH months AS (
  SELECT DISTINCT month FROM period_month WHERE period IN (SELECT period FROM affected_periods)
), monthly AS (
  SELECT * FROM flow_tickets_monthly WHERE month IN (SELECT month FROM months)
  UNION ALL BY NAME SELECT * FROM flow_cases_monthly WHERE month IN (SELECT month FROM months)
  UNION ALL BY NAME SELECT * FROM flow_events_monthly WHERE month IN (SELECT month FROM months)
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
WHERE pm.period IN (SELECT period FROM affected_periods)
GROUP BY ALL;
CREATE TABLE IF NOT EXISTS flow_rollup AS FROM flow_rollup_delta LIMIT 0;
DELETE FROM flow_rollup WHERE period IN (SELECT period FROM affected_periods) OR period NOT IN (SELECT period FROM dim_period);
INSERT INTO flow_rollup FROM flow_rollup_delta;
