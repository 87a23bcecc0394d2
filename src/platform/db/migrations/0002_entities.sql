-- Regulated-entity directory (监管对象名录库).

-- Chinese has no word boundaries PostgreSQL understands, and pg_trgm needs 3+ characters,
-- so search uses an array of every character and every character pair of the searchable
-- text (unigrams and bigrams), indexed with GIN: a query of any length is answered by
-- "the row has all the query's bigrams" and then rechecked with LIKE.
CREATE FUNCTION search_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT g), '{}')
  FROM (
    SELECT substr(w, i, 2) AS g
      FROM regexp_split_to_table(lower(coalesce(t, '')), '\s+') AS w,
           generate_series(1, length(w) - 1) AS i
    UNION ALL
    SELECT substr(w, i, 1)
      FROM regexp_split_to_table(lower(coalesce(t, '')), '\s+') AS w,
           generate_series(1, length(w)) AS i
  ) grams
  WHERE g <> ''
$$;

CREATE TABLE entities (
  id           bigserial PRIMARY KEY,
  uscc         text NOT NULL UNIQUE,
  name         text NOT NULL,
  category     text NOT NULL CHECK (category IN ('public_place','medical_institution','water_supply','school','occupational','disinfection_product','radiation','other')),
  region_code  char(6) NOT NULL,
  address      text NOT NULL,
  org_id       integer NOT NULL REFERENCES organizations(id),
  legal_rep    text,
  risk_class   text CHECK (risk_class IN ('low','medium','high')),
  credit_grade text CHECK (credit_grade IN ('A','B','C','D')),
  blacklisted  boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  search_text  text GENERATED ALWAYS AS (lower(name || ' ' || address || ' ' || coalesce(legal_rep, ''))) STORED,
  search_grams text[] GENERATED ALWAYS AS (search_grams(name || ' ' || address || ' ' || coalesce(legal_rep, ''))) STORED
);
CREATE INDEX entities_org_idx ON entities (org_id, id);
CREATE INDEX entities_category_idx ON entities (category);
CREATE INDEX entities_region_idx ON entities (region_code);
CREATE INDEX entities_risk_idx ON entities (risk_class);
CREATE INDEX entities_credit_idx ON entities (credit_grade);
CREATE INDEX entities_uscc_prefix_idx ON entities (uscc text_pattern_ops);
CREATE INDEX entities_grams_idx ON entities USING gin (search_grams);
