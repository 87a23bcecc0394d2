-- The blacklist filter of the entity directory (黑名单): a few per thousand entities, so
-- without an index both the capped count and the newest-first page scan the whole table
-- (≈200 ms at a million rows). A partial index on id holds only blacklisted rows and
-- serves both.
CREATE INDEX entities_blacklisted_idx ON entities (id) WHERE blacklisted;
