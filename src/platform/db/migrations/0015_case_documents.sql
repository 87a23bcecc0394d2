-- Issued documents that must not change once issued (the penalty decision): their bytes
-- as first produced, with a hash, returned for every later download.
CREATE TABLE case_documents (
  case_id   integer NOT NULL REFERENCES penalty_cases(id),
  kind      text NOT NULL,
  content   bytea NOT NULL,
  sha256    char(64) NOT NULL,
  issued_by integer REFERENCES users(id),
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, kind)
);
