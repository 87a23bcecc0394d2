-- Whether a decision met the major-decision criteria is kept as judged when the
-- decision was taken (the thresholds are local rules and may change later), for the
-- enforcement.major.* metrics.
ALTER TABLE penalty_cases ADD COLUMN major_decision boolean NOT NULL DEFAULT false;
CREATE INDEX penalty_cases_decided_idx ON penalty_cases (decided_on) WHERE decided_on IS NOT NULL;
