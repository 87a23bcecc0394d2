-- Daily jobs (src/platform/jobs/daily.ts): one row per job and day. Several app processes
-- may share one database; the one whose INSERT … ON CONFLICT DO NOTHING adds the row runs
-- the job that day, the others do nothing. finished_at stays empty while it runs (or if
-- its process died: after an hour another process takes the run over); result holds what
-- the job returned, or its error.
CREATE TABLE job_runs (
  job          text NOT NULL,
  day          date NOT NULL,
  started_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  result       jsonb,
  PRIMARY KEY (job, day)
);

-- The licence that replaced a superseded one is found by previous_id (the public
-- verification page's "superseded by", a licence's detail): without this index each such
-- look-up scans the licences table, seconds at a million licences (bench/licences.ts).
CREATE INDEX licences_previous_idx ON licences (previous_id) WHERE previous_id IS NOT NULL;
