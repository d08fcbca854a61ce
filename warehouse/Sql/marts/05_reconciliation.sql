-- Each published figure against what the records give. A figure may sum regions ('A+B') or years ('2019..2021');
-- a quote saying 余/多/以上/超过 ("more than") is a lower bound. Rates match within half a percentage point.
CREATE OR REPLACE TABLE reconciliation AS
WITH figures AS (
  SELECT f.*, row_number() OVER () AS figure_id,
         regexp_matches(coalesce(quote, ''), '余|多|以上|超过') AS lower_bound
  FROM stg_published_figures f
), parts AS (
  SELECT f.figure_id, r.code AS region_code,
         CASE WHEN f.period LIKE '%..%'
              THEN CAST(y.year AS VARCHAR) ELSE f.period END AS period
  FROM figures f
  CROSS JOIN LATERAL (SELECT unnest(string_split(f.region_code, '+')) AS code) r
  CROSS JOIN LATERAL (
    SELECT unnest(CASE WHEN f.period LIKE '%..%'
                       THEN range(CAST(split_part(f.period, '..', 1) AS INTEGER), CAST(split_part(f.period, '..', 2) AS INTEGER) + 1)
                       ELSE [0] END) AS year) y
), computed AS (
  SELECT p.figure_id, count(*) AS parts, count(v.value) AS found, sum(v.value) AS value
  FROM parts p
  JOIN figures f USING (figure_id)
  LEFT JOIN measure_base v ON v.region_code = p.region_code AND v.period = p.period AND v.measure_id = f.indicator
  GROUP BY p.figure_id
)
SELECT f.region_code, f.indicator, f.period, f.value AS published_value,
       CASE WHEN c.found = c.parts THEN c.value END AS warehouse_value,
       f.lower_bound,
       CASE
         WHEN c.found < c.parts THEN 'missing'
         WHEN m.unit = 'ratio' AND abs(c.value - f.value) <= 0.005 THEN 'match'
         WHEN m.unit <> 'ratio' AND f.lower_bound AND c.value >= f.value THEN 'match'
         WHEN m.unit <> 'ratio' AND NOT f.lower_bound AND abs(c.value - f.value) < 0.5 THEN 'match'
         ELSE 'differs'
       END AS status,
       f.source_document, f.quote, f._file AS file, f._row AS row_number
FROM figures f
JOIN computed c USING (figure_id)
JOIN dim_measure m ON m.id = f.indicator;
