-- A plan made on the platform asks either for a ratio (base_ratio) or for a number of
-- entities drawn at random (sample_count, 抽查数量; the mandatory come on top), never both;
-- imported plans have neither.
ALTER TABLE random_plans ADD COLUMN sample_count integer CHECK (sample_count > 0);
ALTER TABLE random_plans ADD CONSTRAINT random_plans_ratio_or_count CHECK (base_ratio IS NULL OR sample_count IS NULL);
