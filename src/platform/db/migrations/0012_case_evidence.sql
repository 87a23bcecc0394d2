-- Evidence of penalty cases (modules/evidence), kept tamper-evident for the record of the
-- whole procedure (全过程记录, 行政处罚法 art. 47). The file lives on disk under the
-- evidence directory at storage_key; its SM3 digest is taken while it arrives. record_hash
-- is the SM3 of the canonical JSON of the row's own fields (case_id, kind, title,
-- file_name, content_type, size_bytes, sm3, storage_key, uploaded_by, uploaded_at as
-- ISO 8601), and is also written into the hash-chained audit entry 'case.evidence.add',
-- so a changed row is detected as well as a changed file.
--
-- The application never updates or deletes rows of these tables: evidence, its 调阅记录
-- (access log) and its verification history are append-only. Anything else that changes
-- them is what verification exists to reveal.
CREATE TABLE case_evidence (
  id            serial PRIMARY KEY,
  case_id       integer NOT NULL REFERENCES penalty_cases(id),
  kind          text NOT NULL CHECK (kind IN ('photo', 'audio', 'video', 'scan', 'site_record', 'document', 'other')),
  title         text NOT NULL,
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
  sm3           char(64) NOT NULL,
  -- Relative to the evidence directory: <case id>/<sm3>-<random>.
  storage_key   text NOT NULL UNIQUE,
  uploaded_by   integer NOT NULL REFERENCES users(id),
  uploaded_at   timestamptz NOT NULL,
  record_hash   char(64) NOT NULL
);
CREATE INDEX case_evidence_case_idx ON case_evidence (case_id, id);

-- 调阅记录: every view (inline) and download (attachment) of an evidence file.
CREATE TABLE case_evidence_access (
  id             bigserial PRIMARY KEY,
  evidence_id    integer NOT NULL REFERENCES case_evidence(id),
  user_id        integer NOT NULL REFERENCES users(id),
  action         text NOT NULL CHECK (action IN ('view', 'download')),
  at             timestamptz NOT NULL DEFAULT now(),
  client_address text
);
CREATE INDEX case_evidence_access_evidence_idx ON case_evidence_access (evidence_id, id);

-- Results of integrity verification (the route on the case page and `verify-evidence`);
-- the case page shows each item's most recent one.
CREATE TABLE case_evidence_checks (
  id           bigserial PRIMARY KEY,
  evidence_id  integer NOT NULL REFERENCES case_evidence(id),
  checked_at   timestamptz NOT NULL DEFAULT now(),
  result       text NOT NULL CHECK (result IN ('intact', 'altered', 'missing'))
);
CREATE INDEX case_evidence_checks_evidence_idx ON case_evidence_checks (evidence_id, id);
