-- The comparison: rank among siblings (same parent, same level), the parent's value and the difference from it,
-- and the change from the previous period of the same grain (in the measure's unit); for rates of events (flows),
-- the Wilson 95% interval and whether the denominator reaches min_denominator (样本不足 when it does not).
-- Recomputed for the affected periods and the periods right after them (whose change they feed); ranks and
-- parent values are within one period, so those cells are exact (docs/decisions/0006).
CREATE OR REPLACE TEMP VIEW measure_values_delta AS
WITH wanted AS (
  SELECT period FROM affected_periods
  UNION SELECT period FROM dim_period WHERE previous_period IN (SELECT period FROM affected_periods)
), b AS (
  SELECT b.*, r.name AS region_name, r.level_en AS region_level, r.level_rank, r.parent_code, m.higher_is_better,
         m.unit, m.kind
  FROM measure_base b
  JOIN dim_region r ON r.code = b.region_code
  JOIN dim_measure m ON m.id = b.measure_id
  WHERE b.period IN (SELECT period FROM wanted)
), parents AS (
  -- Only the cells the wanted periods read: joining the whole table built a hash of every period on every load.
  SELECT region_code, period, measure_id, value FROM measure_base WHERE period IN (SELECT period FROM wanted)
), previous_values AS (
  SELECT region_code, period, measure_id, value FROM measure_base
  WHERE period IN (SELECT previous_period FROM dim_period WHERE period IN (SELECT period FROM wanted))
), sampled AS (
  SELECT *, unit = 'ratio' AND kind = 'flow' AND denominator > 0 AND numerator BETWEEN 0 AND denominator AS sampled,
         1.959963984540054 AS z
  FROM b
)
SELECT b.region_code, b.region_name, b.region_level, b.parent_code, b.period, b.grain AS period_grain, b.measure_id,
       b.value, b.numerator, b.denominator,
       CASE WHEN b.parent_code IS NOT NULL THEN rank() OVER siblings END AS sibling_rank,
       CASE WHEN b.parent_code IS NOT NULL THEN count(*) OVER (PARTITION BY b.measure_id, b.period, b.parent_code, b.level_rank) END AS sibling_count,
       parent.value AS parent_value,
       b.value - parent.value AS difference_from_parent,
       previous.value AS previous_value,
       b.value - previous.value AS change,
       CASE WHEN b.sampled THEN (b.value + b.z * b.z / (2 * b.denominator)
              - b.z * sqrt(b.value * (1 - b.value) / b.denominator + b.z * b.z / (4 * b.denominator * b.denominator)))
            / (1 + b.z * b.z / b.denominator) END AS low,
       CASE WHEN b.sampled THEN (b.value + b.z * b.z / (2 * b.denominator)
              + b.z * sqrt(b.value * (1 - b.value) / b.denominator + b.z * b.z / (4 * b.denominator * b.denominator)))
            / (1 + b.z * b.z / b.denominator) END AS high,
       NOT b.sampled OR b.denominator >= getvariable('min_denominator') AS reliable
FROM sampled b
LEFT JOIN parents parent
  ON parent.region_code = b.parent_code AND parent.period = b.period AND parent.measure_id = b.measure_id
LEFT JOIN dim_period p ON p.period = b.period
LEFT JOIN previous_values previous
  ON previous.region_code = b.region_code AND previous.period = p.previous_period AND previous.measure_id = b.measure_id
WINDOW siblings AS (PARTITION BY b.measure_id, b.period, b.parent_code, b.level_rank
                    ORDER BY CASE WHEN b.higher_is_better THEN -b.value ELSE b.value END);
CREATE TABLE IF NOT EXISTS measure_values AS FROM measure_values_delta LIMIT 0;
DELETE FROM measure_values
WHERE period IN (SELECT period FROM affected_periods)
   OR period IN (SELECT period FROM dim_period WHERE previous_period IN (SELECT period FROM affected_periods))
   OR period NOT IN (SELECT period FROM dim_period);
INSERT INTO measure_values FROM measure_values_delta;
