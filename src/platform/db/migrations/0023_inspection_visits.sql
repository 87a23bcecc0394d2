-- Inspection visits recorded on the platform (现场检查记录, modules/inspections/visits.ts):
-- an inspector fills the form on the spot, in a phone browser. A visit recorded on the
-- platform holds what was checked (each check item's outcome), what was found, who signed
-- for the party and when, and who recorded it; its record_hash is the SM3 of the canonical
-- JSON of those fields (visits.ts visitRecordFields) and is also written into the
-- hash-chained audit entry 'inspection.visit.record', as case_evidence.record_hash is.
-- Imported visits (dataset inspections) keep these columns empty: recorded_by IS NULL.
--
-- kind is derived, so an import (which knows only the task) and the platform agree:
-- a visit under a random-inspection task is 'random', one with a campaign name (专项整治)
-- is 'campaign', any other is 'routine'.
ALTER TABLE inspections
  ADD COLUMN campaign        text,
  ADD COLUMN kind            text GENERATED ALWAYS AS (
    CASE WHEN random_task_id IS NOT NULL THEN 'random' WHEN campaign IS NOT NULL THEN 'campaign' ELSE 'routine' END) STORED,
  -- [{itemId, code, title, provisionCode, outcome: pass|fail|not_applicable, note}]: the
  -- item as it read when checked (items are revised; the record keeps what was checked).
  ADD COLUMN check_results   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(check_results) = 'array'),
  ADD COLUMN findings        text,
  -- The party's person who signed the record on the spot, and when; the signature image
  -- is an inspection_files row of kind 'signature' whose SM3 is repeated here (so the
  -- record hash covers it).
  ADD COLUMN signatory_name  text,
  ADD COLUMN signed_at       timestamptz,
  ADD COLUMN signature_sm3   char(64),
  ADD COLUMN recorded_by     integer REFERENCES users(id),
  ADD COLUMN recorded_at     timestamptz,
  ADD COLUMN record_hash     char(64),
  -- The penalty-case lead opened from this visit (立案线索), at most one.
  ADD COLUMN case_id         integer REFERENCES penalty_cases(id),
  ADD CONSTRAINT inspections_campaign_check CHECK (campaign IS NULL OR random_task_id IS NULL),
  ADD CONSTRAINT inspections_recorded_check CHECK ((recorded_by IS NULL) = (record_hash IS NULL) AND (recorded_by IS NULL) = (recorded_at IS NULL)),
  ADD CONSTRAINT inspections_signature_check CHECK (signature_sm3 IS NULL OR signatory_name IS NOT NULL);
CREATE UNIQUE INDEX inspections_case_idx ON inspections (case_id) WHERE case_id IS NOT NULL;
-- One platform visit per task (the task is completed by it); imported history is left as it came.
CREATE UNIQUE INDEX inspections_task_recorded_idx ON inspections (random_task_id) WHERE random_task_id IS NOT NULL AND recorded_by IS NOT NULL;

-- Photos taken on the spot and the party's signature, kept like case evidence
-- (0012_case_evidence.sql): the file lives on disk under the evidence directory at
-- storage_key (inspections/<visit id>/<sm3>-<random>), its SM3 is taken while it arrives,
-- record_hash is the SM3 of the canonical JSON of the row's own fields (inspection_id,
-- kind, title, file_name, content_type, size_bytes, sm3, storage_key, uploaded_by,
-- uploaded_at as ISO 8601) and is written into the audit entry 'inspection.file.add'.
-- Append-only: the application never updates or deletes these rows. A case lead opened
-- from the visit copies them into case_evidence (their bytes re-read and re-hashed).
CREATE TABLE inspection_files (
  id             serial PRIMARY KEY,
  inspection_id  bigint NOT NULL REFERENCES inspections(id),
  kind           text NOT NULL CHECK (kind IN ('photo', 'signature')),
  title          text NOT NULL,
  file_name      text NOT NULL,
  content_type   text NOT NULL,
  size_bytes     bigint NOT NULL CHECK (size_bytes > 0),
  sm3            char(64) NOT NULL,
  storage_key    text NOT NULL UNIQUE,
  uploaded_by    integer NOT NULL REFERENCES users(id),
  uploaded_at    timestamptz NOT NULL,
  record_hash    char(64) NOT NULL
);
CREATE INDEX inspection_files_inspection_idx ON inspection_files (inspection_id, id);
CREATE UNIQUE INDEX inspection_files_signature_idx ON inspection_files (inspection_id) WHERE kind = 'signature';
