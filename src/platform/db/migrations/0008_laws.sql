-- Legal-basis library (法律法规库): instruments, their versions, the articles of each
-- version. A new version never replaces an old one: a case decided under the old text
-- keeps citing it (articleInForce picks the version in force on the case's date).

CREATE TABLE law_instruments (
  id         serial PRIMARY KEY,
  -- Short name, without 中华人民共和国 (基本医疗卫生与健康促进法): how rules and cases refer to it.
  name       text NOT NULL UNIQUE,
  title      text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('law','administrative_regulation','department_rule','local_regulation','normative_document')),
  issuer     text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- version_date is the date of publication or revision (公布或修订日期); a version applies
-- from effective_from, never before it was published.
CREATE TABLE law_versions (
  id             serial PRIMARY KEY,
  instrument_id  integer NOT NULL REFERENCES law_instruments(id),
  version_date   date NOT NULL,
  effective_from date NOT NULL,
  history        text NOT NULL DEFAULT '',
  source         text NOT NULL CHECK (source IN ('bundled','staff')),
  -- 'summary': the platform's digest of the articles, not the official wording (the UI says so).
  text_status    text NOT NULL CHECK (text_status IN ('official','summary')),
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (instrument_id, version_date),
  CHECK (effective_from >= version_date)
);
CREATE INDEX law_versions_in_force_idx ON law_versions (instrument_id, effective_from);

-- One row per article. paragraphs holds the article's lines after its label, in order:
-- paragraphs (款) and items (项) alike, addressable by their position (1-based).
-- suffix numbers the articles an amendment inserts (第二十条之一 = no 20, suffix 1).
-- Search scans the articles of the versions in force with LIKE: the bundled corpus is
-- about 660 KB of text in 1,750 articles (a few thousand with local rules added), which a
-- sequential scan reads in a few milliseconds, so no text index is kept.
CREATE TABLE law_articles (
  id         serial PRIMARY KEY,
  version_id integer NOT NULL REFERENCES law_versions(id),
  no         integer NOT NULL CHECK (no > 0),
  suffix     integer NOT NULL DEFAULT 0 CHECK (suffix >= 0),
  label      text NOT NULL,
  chapter    text,
  section    text,
  paragraphs text[] NOT NULL CHECK (cardinality(paragraphs) > 0),
  UNIQUE (version_id, no, suffix)
);
