-- The comparison of domain.md §5: rank among siblings (same parent, same level), the parent's value and the
-- difference from it, and the change from the previous period of the same grain (in the measure's unit).
CREATE OR REPLACE TABLE measure_values AS
WITH b AS (
  SELECT b.*, r.name AS region_name, r.level_en AS region_level, r.level_rank, r.parent_code, m.higher_is_better
  FROM measure_base b
  JOIN dim_region r ON r.code = b.region_code
  JOIN dim_measure m ON m.id = b.measure_id
)
SELECT b.region_code, b.region_name, b.region_level, b.parent_code, b.period, b.grain AS period_grain, b.measure_id,
       b.value, b.numerator, b.denominator,
       CASE WHEN b.parent_code IS NOT NULL THEN rank() OVER siblings END AS sibling_rank,
       CASE WHEN b.parent_code IS NOT NULL THEN count(*) OVER (PARTITION BY b.measure_id, b.period, b.parent_code, b.level_rank) END AS sibling_count,
       parent.value AS parent_value,
       b.value - parent.value AS difference_from_parent,
       previous.value AS previous_value,
       b.value - previous.value AS change
FROM b
LEFT JOIN measure_base parent
  ON parent.region_code = b.parent_code AND parent.period = b.period AND parent.measure_id = b.measure_id
LEFT JOIN dim_period p ON p.period = b.period
LEFT JOIN measure_base previous
  ON previous.region_code = b.region_code AND previous.period = p.previous_period AND previous.measure_id = b.measure_id
WINDOW siblings AS (PARTITION BY b.measure_id, b.period, b.parent_code, b.level_rank
                    ORDER BY CASE WHEN b.higher_is_better THEN -b.value ELSE b.value END);
