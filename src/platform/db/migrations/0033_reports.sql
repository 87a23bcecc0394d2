-- The annual rule-of-law report (法治政府建设年度报告, modules/reports, issue 7): one report
-- per organisation and year, drafted from the metrics and edited by the legal division.
-- Every generation, regeneration and edit adds a version holding the whole content
-- (sections → blocks: figure sentences regenerated from the records, narratives the
-- staff write) and the snapshot of the figures it was written from. A final report is
-- locked (final_version names the version locked); a published one is served on the
-- portal.
CREATE TABLE annual_reports (
  id               serial PRIMARY KEY,
  org_id           integer NOT NULL REFERENCES organizations(id),
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title            text NOT NULL,
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final','published')),
  current_version  integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  final_version    integer CHECK (final_version IS NULL OR final_version >= 1),
  published_at     timestamptz,
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year),
  CHECK ((status = 'draft') = (final_version IS NULL)),
  CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX annual_reports_year_idx ON annual_reports (year DESC, org_id);

CREATE TABLE annual_report_versions (
  id          serial PRIMARY KEY,
  report_id   integer NOT NULL REFERENCES annual_reports(id) ON DELETE CASCADE,
  version     integer NOT NULL CHECK (version >= 1),
  content     jsonb NOT NULL CHECK (jsonb_typeof(content) = 'object'),
  -- The metric values the figure sentences were written from (this year and last year),
  -- and the work-plan targets compared.
  figures     jsonb NOT NULL CHECK (jsonb_typeof(figures) = 'object'),
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  note        text,
  UNIQUE (report_id, version)
);
