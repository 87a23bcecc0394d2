-- A penalty decision corrected on administrative reconsideration or in court (modules/cases,
-- applyChallengeOutcome, called in the transaction of the matter step that records the
-- reconsideration decision or the judgment):
--   revoked (撤销, 行政复议法 art. 64, 行政诉讼法 art. 70) — the case is reopened and a new
--     decision is made; the revoked one is cleared from the case row (which always holds the
--     decision in force, the one the metrics, the documents and credit read) and kept here;
--   altered or partly revoked (变更 art. 63 / art. 77, 部分撤销) — the decision in force
--     becomes the altered one; the original is kept here;
--   confirmed unlawful, ordered to act (确认违法, 责令履行) — the case handler follows up.
-- Rows are never deleted: `before` is the case's decision (and what went with it: notice,
-- hearing, service, payment, publication, instalment plan) as it stood.
CREATE TABLE case_corrections (
  id              serial PRIMARY KEY,
  case_id         integer NOT NULL REFERENCES penalty_cases(id),
  matter_id       bigint NOT NULL REFERENCES matters(id),
  matter_kind     text NOT NULL CHECK (matter_kind IN ('reconsideration', 'litigation')),
  matter_no       text NOT NULL,
  -- What the decision or judgment did: revoked, partly_revoked, altered, confirmed_illegal, ordered_to_act.
  correction      text NOT NULL,
  effect          text NOT NULL CHECK (effect IN ('reopened', 'adjusted', 'follow_up')),
  -- The date of the reconsideration decision, or of service of the judgment.
  decided_on      date NOT NULL,
  citation        text NOT NULL,
  before          jsonb NOT NULL,
  -- The decision in force after an alteration (sanctions, fine).
  after           jsonb,
  -- What the case handler still has to do (refund, remedial measures, the duty ordered); null: nothing.
  follow_up       text,
  followed_up_on  date,
  follow_up_note  text,
  followed_up_by  integer REFERENCES users(id),
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_corrections_case_idx ON case_corrections (case_id, id);
CREATE INDEX case_corrections_open_idx ON case_corrections (case_id) WHERE follow_up IS NOT NULL AND followed_up_on IS NULL;

-- The day a revoked decision's case was reopened: the decision period runs again from it
-- (the later of filing and reopening), and only what happens after it belongs to the new
-- decision (extensions of its period, payments).
ALTER TABLE penalty_cases ADD COLUMN reopened_on date;

-- What belonged to a revoked decision stays, marked superseded on the day the case was
-- reopened: the payments made under it, its publication (withdrawn, 行政处罚法 art. 48) and
-- its issued decision document. The new decision has its own.
ALTER TABLE case_payments ADD COLUMN superseded_on date;

ALTER TABLE case_publications ADD COLUMN superseded_on date;
ALTER TABLE case_publications DROP CONSTRAINT case_publications_case_id_key;
CREATE UNIQUE INDEX case_publications_current_idx ON case_publications (case_id) WHERE superseded_on IS NULL;

ALTER TABLE case_documents ADD COLUMN superseded_on date;
ALTER TABLE case_documents DROP CONSTRAINT case_documents_pkey;
ALTER TABLE case_documents ADD COLUMN id serial PRIMARY KEY;
CREATE UNIQUE INDEX case_documents_current_idx ON case_documents (case_id, kind) WHERE superseded_on IS NULL;
