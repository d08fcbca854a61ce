-- Every month, quarter and year of the years any fact touches (whole years, so a cumulative or snapshot value
-- exists for the months after the last event too), each with its predecessor.
CREATE OR REPLACE TABLE dim_period AS
WITH bounds AS (
  SELECT make_date(year(min(m)), 1, 1) AS first_month, make_date(year(max(m)), 12, 1) AS last_month FROM (
    -- The monthly tables' months are their Parquet partitions: no need to scan their rows.
    SELECT min(month) AS m FROM fact_parts UNION ALL SELECT max(month) FROM fact_parts
    UNION ALL SELECT min(month) FROM fact_devolved_power UNION ALL SELECT max(month) FROM fact_devolved_power
    UNION ALL SELECT CAST(date_trunc('month', min(completed_on)) AS DATE) FROM fact_institution_reform
    UNION ALL SELECT CAST(date_trunc('month', max(completed_on)) AS DATE) FROM fact_institution_reform
    UNION ALL SELECT CAST(date_trunc('month', min(snapshot_date)) AS DATE) FROM fact_grid_snapshot
    UNION ALL SELECT CAST(date_trunc('month', max(snapshot_date)) AS DATE) FROM fact_grid_snapshot
    UNION ALL SELECT make_date(min(year), 1, 1) FROM fact_staffing
    UNION ALL SELECT make_date(max(year), 12, 1) FROM fact_staffing
  ) WHERE m IS NOT NULL
), months AS (
  SELECT CAST(generate_series AS DATE) AS month
  FROM bounds, generate_series(CAST(bounds.first_month AS TIMESTAMP), CAST(bounds.last_month AS TIMESTAMP), INTERVAL 1 MONTH)
), periods AS (
  SELECT DISTINCT strftime(month, '%Y-%m') AS period, 'month' AS grain, month AS start_date,
         CAST(month + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS end_date
  FROM months
  UNION ALL
  SELECT DISTINCT year(month) || '-Q' || quarter(month), 'quarter', CAST(date_trunc('quarter', month) AS DATE),
         CAST(date_trunc('quarter', month) + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)
  FROM months
  UNION ALL
  SELECT DISTINCT CAST(year(month) AS VARCHAR), 'year', make_date(year(month), 1, 1), make_date(year(month), 12, 31)
  FROM months
)
SELECT period, grain, start_date, end_date,
       lag(period) OVER (PARTITION BY grain ORDER BY start_date) AS previous_period
FROM periods;

-- Which periods each month falls in: flows are summed over these.
CREATE OR REPLACE TABLE period_month AS
SELECT p.period, p.grain, CAST(m AS DATE) AS month
FROM dim_period p, generate_series(CAST(p.start_date AS TIMESTAMP), CAST(p.end_date AS TIMESTAMP), INTERVAL 1 MONTH) AS g(m);
