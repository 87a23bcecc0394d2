-- Files attached to the materials of licence applications (modules/licensing,
-- applicationFiles.ts): scans and photos the applicant uploads on the portal (with the
-- tracking code) or the window officer attaches. Stored like case evidence
-- (0012_case_evidence.sql): the file lives under the evidence directory at storage_key
-- (applications/<application id>/<sm3>-<random>), its SM3 digest taken while it
-- arrives; record_hash is the SM3 of the canonical JSON of the row's own fields and is
-- written into the hash-chained audit entry 'licensing.application.file.add'. The files
-- are in backups (platform/backup, format 4 on), checked against sm3 and size_bytes on
-- restore. material_code is the code of the material in the application's catalogue
-- item version (licence_applications.materials). uploaded_by is null for an upload by
-- the applicant on the portal (uploader 'applicant'). Append-only: the application never
-- updates or deletes rows.
CREATE TABLE application_files (
  id              serial PRIMARY KEY,
  application_id  integer NOT NULL REFERENCES licence_applications(id),
  material_code   text NOT NULL,
  file_name       text NOT NULL,
  content_type    text NOT NULL,
  size_bytes      bigint NOT NULL CHECK (size_bytes > 0),
  sm3             char(64) NOT NULL,
  storage_key     text NOT NULL UNIQUE,
  uploader        text NOT NULL CHECK (uploader IN ('applicant', 'staff')),
  uploaded_by     integer REFERENCES users(id),
  uploaded_at     timestamptz NOT NULL,
  record_hash     char(64) NOT NULL,
  CHECK ((uploader = 'staff') = (uploaded_by IS NOT NULL))
);
CREATE INDEX application_files_application_idx ON application_files (application_id, material_code, id);
