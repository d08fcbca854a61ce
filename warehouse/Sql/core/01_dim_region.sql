-- Regions with their level as a rank (1 province .. 5 community/village) and the path up to the province.
CREATE OR REPLACE TABLE dim_region AS
SELECT code, name, level,
       CASE level WHEN '省' THEN 1 WHEN '市' THEN 2 WHEN '县' THEN 3 WHEN '乡镇' THEN 4 ELSE 5 END AS level_rank,
       CASE level WHEN '省' THEN 'province' WHEN '市' THEN 'city' WHEN '县' THEN 'county'
                  WHEN '乡镇' THEN 'township' ELSE 'community' END AS level_en,
       kind,
       CASE kind WHEN '乡' THEN 'township' WHEN '镇' THEN 'town' WHEN '街道' THEN 'street'
                 WHEN '社区' THEN 'community' WHEN '村' THEN 'village' END AS kind_en,
       parent_code, population, area_km2,
       coalesce(developed_town, false) AS developed_town,
       coalesce(pilot, false) AS pilot
FROM stg_regions;

-- Every region paired with itself and each ancestor: rolls facts up and scopes API keys to a subtree.
CREATE OR REPLACE TABLE region_closure AS
WITH RECURSIVE up(code, ancestor_code, depth) AS (
  SELECT code, code, 0 FROM dim_region
  UNION ALL
  SELECT up.code, r.parent_code, up.depth + 1
  FROM up JOIN dim_region r ON r.code = up.ancestor_code
  WHERE r.parent_code IS NOT NULL AND up.depth < 8
)
SELECT code, ancestor_code, depth FROM up;
