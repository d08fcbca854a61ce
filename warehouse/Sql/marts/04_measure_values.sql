-- The comparison: rank among siblings (same parent, same level), the parent's value and the difference from it,
-- and the change from the previous period of the same grain (in the measure's unit); for rates of events (flows),
-- the Wilson 95% interval and whether the denominator reaches min_denominator (样本不足 when it does not).
-- Recomputed for the affected periods and the periods right after them (whose change they feed); ranks and
-- parent values are within one period, so those cells are exact (docs/decisions/0006).
CREATE OR REPLACE TEMP VIEW measure_values_delta AS
WITH wanted AS (
  SELECT period FROM affected_periods
  UNION SELECT period FROM dim_period WHERE previous_period IN (SELECT period FROM affected_periods)
), cells AS MATERIALIZED (
  -- Only the cells the wanted periods read, and their previous periods, in one scan: joining the whole table built
  -- a hash of every period on every load, and three scans of a catalog just copied cost a month's load 0.1 s.
  SELECT region_code, period, grain, measure_id, numerator, denominator, value FROM measure_base
  WHERE period IN (SELECT period FROM wanted UNION SELECT previous_period FROM dim_period WHERE period IN (SELECT period FROM wanted))
), b AS (
  SELECT b.*, r.parent_code, r.level_rank, m.higher_is_better,
         m.unit = 'ratio' AND m.kind = 'flow' AND b.denominator > 0 AND b.numerator BETWEEN 0 AND b.denominator AS sampled
  FROM cells b
  JOIN dim_region r ON r.code = b.region_code
  JOIN dim_measure m ON m.id = b.measure_id
  WHERE b.period IN (SELECT period FROM wanted)
), ranked AS (
  -- Ranked on narrow rows, before the names and the parent and previous values join them: the window carries every
  -- column through its sort, and carrying the wide rows cost twice the CPU of the whole statement now.
  SELECT *,
         CASE WHEN parent_code IS NOT NULL THEN rank() OVER siblings END AS sibling_rank,
         CASE WHEN parent_code IS NOT NULL THEN count(*) OVER (PARTITION BY measure_id, period, parent_code, level_rank) END AS sibling_count
  FROM b
  WINDOW siblings AS (PARTITION BY measure_id, period, parent_code, level_rank
                      ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END)
)
SELECT b.region_code, r.name AS region_name, r.level_en AS region_level, b.parent_code, b.period, b.grain AS period_grain,
       b.measure_id, b.value, b.numerator, b.denominator, b.sibling_rank, b.sibling_count,
       parent.value AS parent_value,
       b.value - parent.value AS difference_from_parent,
       previous.value AS previous_value,
       b.value - previous.value AS change,
       -- Wilson's 95% interval; z = 1.959963984540054, written out (a joined constant changed the join order).
       CASE WHEN b.sampled THEN (b.value + 1.959963984540054 * 1.959963984540054 / (2 * b.denominator)
              - 1.959963984540054 * sqrt(b.value * (1 - b.value) / b.denominator
                + 1.959963984540054 * 1.959963984540054 / (4 * b.denominator * b.denominator)))
            / (1 + 1.959963984540054 * 1.959963984540054 / b.denominator) END AS low,
       CASE WHEN b.sampled THEN (b.value + 1.959963984540054 * 1.959963984540054 / (2 * b.denominator)
              + 1.959963984540054 * sqrt(b.value * (1 - b.value) / b.denominator
                + 1.959963984540054 * 1.959963984540054 / (4 * b.denominator * b.denominator)))
            / (1 + 1.959963984540054 * 1.959963984540054 / b.denominator) END AS high,
       NOT b.sampled OR b.denominator >= getvariable('min_denominator') AS reliable
FROM ranked b
JOIN dim_region r ON r.code = b.region_code
LEFT JOIN cells parent
  ON parent.region_code = b.parent_code AND parent.period = b.period AND parent.measure_id = b.measure_id
LEFT JOIN dim_period p ON p.period = b.period
LEFT JOIN cells previous
  ON previous.region_code = b.region_code AND previous.period = p.previous_period AND previous.measure_id = b.measure_id;
CREATE TABLE IF NOT EXISTS measure_values AS FROM measure_values_delta LIMIT 0;
DELETE FROM measure_values
WHERE period IN (SELECT period FROM affected_periods)
   OR period IN (SELECT period FROM dim_period WHERE previous_period IN (SELECT period FROM affected_periods))
   OR period NOT IN (SELECT period FROM dim_period);
INSERT INTO measure_values FROM measure_values_delta ORDER BY period, measure_id, region_code;
