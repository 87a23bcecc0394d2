-- Files attached to matters on a legal clock (modules/matters, files.ts): the petition
-- letter's scan, the information disclosed, the mediation agreement, the court's judgment,
-- the reconsideration decision, the reply written in Word. Stored like application
-- material files (0034_application_files.sql): the file lives under the evidence
-- directory at storage_key (matters/<matter id>/<sm3>-<random>), its SM3 digest taken
-- while it arrives; record_hash is the SM3 of the canonical JSON of the row's own fields
-- and is written into the hash-chained audit entry 'matter.file.add'. The files are in
-- backups (platform/backup, format 5 on), checked against sm3 and size_bytes on restore.
-- category is a code of core/matters/files.ts (MATTER_FILE_CATEGORIES, with the names).
-- Append-only: the application never updates or deletes rows.
CREATE TABLE matter_files (
  id            serial PRIMARY KEY,
  matter_id     bigint NOT NULL REFERENCES matters(id),
  category      text NOT NULL CHECK (category IN ('incoming', 'reply', 'evidence', 'agreement', 'decision', 'judgment', 'other')),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    bigint NOT NULL CHECK (size_bytes > 0),
  sm3           char(64) NOT NULL,
  storage_key   text NOT NULL UNIQUE,
  uploaded_by   integer NOT NULL REFERENCES users(id),
  uploaded_at   timestamptz NOT NULL,
  note          text,
  record_hash   char(64) NOT NULL
);
CREATE INDEX matter_files_matter_idx ON matter_files (matter_id, id);

-- A file withdrawn by a handler while the matter was open (uploaded to the wrong matter,
-- the wrong version of a reply): hidden from the list, kept in storage and in backups with
-- its row unchanged, so its record hash and the audit chain still verify. At most one
-- withdrawal a file; append-only as well.
CREATE TABLE matter_file_withdrawals (
  file_id       integer PRIMARY KEY REFERENCES matter_files(id),
  reason        text NOT NULL,
  withdrawn_by  integer NOT NULL REFERENCES users(id),
  withdrawn_at  timestamptz NOT NULL
);
