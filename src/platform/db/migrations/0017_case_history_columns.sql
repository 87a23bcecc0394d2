-- The dates and amounts the enforcement metrics read, kept on the case row itself so that
-- (a) historical cases imported from a commission's old records (dataset penalty_cases,
-- data-exchange.md) carry them without a replayed procedure, and (b) the metrics read one
-- table instead of searching case_events for each decision. Cases handled on the platform
-- set them as their steps are taken (modules/cases/service.ts, publication.ts).
ALTER TABLE penalty_cases
  ADD COLUMN legal_review_submitted_on date,
  ADD COLUMN legal_review_completed_on date,
  ADD COLUMN transferred_on date,
  -- Publication of the decision (执法公示) and its deadline (decision + 7 working days).
  ADD COLUMN published_on date,
  ADD COLUMN publication_due date,
  -- Illegal gains or property confiscated by the decision (没收违法所得、没收非法财物).
  ADD COLUMN confiscated_yuan numeric(14,2),
  -- Every penalty provision the case applied; provision_code stays the main one (the
  -- benchmark the decision cites).
  ADD COLUMN provision_codes text[],
  -- Imported history: concluded records whose state was set by the import, not walked.
  ADD COLUMN imported boolean NOT NULL DEFAULT false;

-- major_decision (0014) now follows the case while it is open — the leader's view of open
-- major cases filters on it — and stays as judged once the decision is taken.

UPDATE penalty_cases c SET
  legal_review_submitted_on = (SELECT max((e.at AT TIME ZONE 'Asia/Shanghai')::date) FROM case_events e
                                WHERE e.case_id = c.id AND e.step = 'submit_legal_review'),
  legal_review_completed_on = CASE WHEN c.legal_review_passed THEN
                                (SELECT max((e.at AT TIME ZONE 'Asia/Shanghai')::date) FROM case_events e
                                  WHERE e.case_id = c.id AND e.step = 'pass_legal_review') END,
  transferred_on = (SELECT min((e.at AT TIME ZONE 'Asia/Shanghai')::date) FROM case_events e
                     WHERE e.case_id = c.id AND e.step = 'transfer'),
  confiscated_yuan = CASE WHEN 'confiscate_gains' = ANY(c.decided_sanctions) THEN c.illegal_gains_yuan END,
  provision_codes = CASE WHEN c.provision_code IS NOT NULL THEN ARRAY[c.provision_code] END;

UPDATE penalty_cases c SET published_on = p.published_on, publication_due = p.due_on
  FROM case_publications p WHERE p.case_id = c.id;

CREATE INDEX penalty_cases_transferred_idx ON penalty_cases (transferred_on) WHERE transferred_on IS NOT NULL;
CREATE INDEX penalty_cases_paid_idx ON penalty_cases (paid_on) WHERE paid_on IS NOT NULL;
CREATE INDEX penalty_cases_closed_idx ON penalty_cases (closed_on) WHERE closed_on IS NOT NULL;
CREATE INDEX penalty_cases_filed_idx ON penalty_cases (filed_on) WHERE filed_on IS NOT NULL;
-- The leader's view of open major cases.
CREATE INDEX penalty_cases_major_open_idx ON penalty_cases (org_id, id) WHERE major_decision AND decided_on IS NULL;
