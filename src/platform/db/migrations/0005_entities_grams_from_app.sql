-- search_grams was a generated column computed by a SQL function at about 50 µs a row:
-- half the time of a large import. The application now computes the same grams
-- (entitySearchGrams in modules/entities/query.ts) on every write; existing rows keep
-- their values. NOT NULL without a default, so a writer that forgets them fails loudly
-- instead of leaving an entity nobody can find.
ALTER TABLE entities ALTER COLUMN search_grams DROP EXPRESSION;
ALTER TABLE entities ALTER COLUMN search_grams SET NOT NULL;
DROP FUNCTION search_grams(text);
