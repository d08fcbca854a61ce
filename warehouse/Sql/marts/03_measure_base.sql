-- One row per region, period and measure id of the catalog: value with its numerator and denominator.
-- Rates are always sum(numerator) / sum(denominator) at the grain asked for, never an average of rates.
-- Only the periods of affected_periods are computed; the rest of the table is kept as it was.
CREATE OR REPLACE TEMP VIEW measure_base_delta AS
WITH wanted AS (
  SELECT period FROM affected_periods
), rollup AS (
  SELECT * FROM flow_rollup WHERE period IN (SELECT period FROM wanted)
), devolution AS (
  SELECT rc.ancestor_code AS region_code, pm.period, pm.grain,
         count(DISTINCT d.township_code || '|' || d.item_code) AS pairs,
         count(DISTINCT d.source_department) AS departments,
         count(DISTINCT d.township_code) AS townships
  FROM fact_devolved_power d
  JOIN region_closure rc ON rc.code = d.township_code
  JOIN period_month pm ON pm.month = d.month
  WHERE pm.period IN (SELECT period FROM wanted)
  GROUP BY ALL
), reforms AS (
  -- Cumulative: every reform completed by the period's end counts.
  SELECT rc.ancestor_code AS region_code, p.period, p.grain,
         sum(bodies_before) AS bodies_before, sum(bodies_before - bodies_after) AS bodies_cut,
         sum(institutions_before) FILTER (institutions_after IS NOT NULL) AS institutions_before,
         sum(institutions_before - institutions_after) AS institutions_cut,
         sum(internal_before) FILTER (internal_after IS NOT NULL) AS internal_before,
         sum(internal_before - internal_after) AS internal_cut
  FROM fact_institution_reform r
  JOIN region_closure rc ON rc.code = r.township_code
  JOIN dim_period p ON r.completed_on <= p.end_date
  WHERE p.period IN (SELECT period FROM wanted)
  GROUP BY ALL
), latest_grid AS (
  -- Snapshots are never summed over time: each grid's latest snapshot inside the period.
  SELECT p.period, p.grain, g.grid_code,
         arg_max(g.community_code, g.snapshot_date) AS community_code,
         arg_max(g.status, g.snapshot_date) AS status,
         arg_max(g.members, g.snapshot_date) AS members
  FROM fact_grid_snapshot g
  JOIN dim_period p ON g.snapshot_date BETWEEN p.start_date AND p.end_date
  WHERE p.period IN (SELECT period FROM wanted)
  GROUP BY ALL
), communities AS (
  SELECT rc.ancestor_code AS region_code, count(*) AS communities
  FROM region_closure rc JOIN dim_region r ON r.code = rc.code
  WHERE r.level_rank = 5
  GROUP BY ALL
), grids AS (
  SELECT rc.ancestor_code AS region_code, g.period, g.grain,
         count(*) FILTER (g.status = 'active') AS grids,
         coalesce(sum(g.members) FILTER (g.status = 'active'), 0) AS members,
         count(DISTINCT g.community_code) FILTER (g.status = 'active') AS covered
  FROM latest_grid g
  JOIN region_closure rc ON rc.code = g.community_code
  GROUP BY ALL
), staffing AS (
  SELECT rc.ancestor_code AS region_code, CAST(s.year AS VARCHAR) AS period, 'year' AS grain,
         sum(approved) AS approved, sum(actual) AS actual,
         sum(approved) FILTER (actual IS NOT NULL) AS approved_with_actual,
         sum(recruited) AS recruited, sum(moved_down) AS moved_down
  FROM fact_staffing s
  JOIN region_closure rc ON rc.code = s.region_code
  WHERE CAST(s.year AS VARCHAR) IN (SELECT period FROM wanted)
  GROUP BY ALL
), grid_source AS (
  SELECT g.*, c.communities FROM grids g LEFT JOIN communities c USING (region_code)
), measures AS (
  -- The rows below are generated from each measure's declaration in MeasureCatalog (its source, numerator,
  -- denominator, or value): a measure is declared once, there.
  SELECT region_code, period, grain, m.* FROM rollup, LATERAL (VALUES {{measures:rollup}}) AS m(measure_id, numerator, denominator, value)
  UNION ALL
  SELECT region_code, period, grain, m.* FROM devolution, LATERAL (VALUES {{measures:devolution}}) AS m(measure_id, numerator, denominator, value)
  UNION ALL
  SELECT region_code, period, grain, m.* FROM reforms, LATERAL (VALUES {{measures:reforms}}) AS m(measure_id, numerator, denominator, value)
  UNION ALL
  SELECT region_code, period, grain, m.* FROM grid_source, LATERAL (VALUES {{measures:grids}}) AS m(measure_id, numerator, denominator, value)
  UNION ALL
  SELECT region_code, period, grain, m.* FROM staffing, LATERAL (VALUES {{measures:staffing}}) AS m(measure_id, numerator, denominator, value)
)
SELECT region_code, period, grain, measure_id,
       CAST(numerator AS BIGINT) AS numerator, CAST(denominator AS BIGINT) AS denominator,
       coalesce(value, CASE WHEN denominator IS NULL THEN CAST(numerator AS DOUBLE) ELSE numerator / denominator END) AS value
FROM measures
WHERE value IS NOT NULL OR (numerator IS NOT NULL AND (denominator IS NULL OR denominator > 0));
CREATE TABLE IF NOT EXISTS measure_base AS FROM measure_base_delta LIMIT 0;
DELETE FROM measure_base WHERE period IN (SELECT period FROM affected_periods) OR period NOT IN (SELECT period FROM dim_period);
-- Stored in period order (and a load appends its periods together), so a later load that reads or deletes a few
-- periods skips the other row groups by their min/max instead of reading a catalog it has just copied cold.
INSERT INTO measure_base FROM measure_base_delta ORDER BY period;
