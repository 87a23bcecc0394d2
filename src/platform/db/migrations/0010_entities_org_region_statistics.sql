-- A region belongs to one district, so org_id and region_code are far from independent.
-- Assuming they were, the planner expected a district user's filter on another
-- district's region to match 110,000 of a million rows and scanned the table for them
-- (250 ms, finding none); with these statistics it uses (org_id, region_code, id) and
-- answers in under a millisecond.
CREATE STATISTICS entities_org_region_stats (mcv, dependencies) ON org_id, region_code FROM entities;
ANALYZE entities;
