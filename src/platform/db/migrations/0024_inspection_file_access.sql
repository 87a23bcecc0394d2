-- 调阅记录 of the files of inspection visits (inspection_files, 0023_inspection_visits.sql):
-- every view (shown inline) and download (sent as an attachment) of a photo or of the
-- party's signature, with who, when and from which address, as case_evidence_access
-- (0012_case_evidence.sql) for case evidence. Written by GET
-- /api/inspections/visits/:id/files/:fileId once the file is known to be there, in the
-- transaction that also writes the audit entry 'inspection.file.view' or
-- 'inspection.file.download'. Append-only: the application never updates or deletes it.
CREATE TABLE inspection_file_access (
  id             bigserial PRIMARY KEY,
  file_id        integer NOT NULL REFERENCES inspection_files(id),
  user_id        integer NOT NULL REFERENCES users(id),
  action         text NOT NULL CHECK (action IN ('view', 'download')),
  at             timestamptz NOT NULL DEFAULT now(),
  client_address text
);
CREATE INDEX inspection_file_access_file_idx ON inspection_file_access (file_id, id);
