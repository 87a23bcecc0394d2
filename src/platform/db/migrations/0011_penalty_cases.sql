-- Penalty cases (modules/cases) run by the procedure engine (core/procedure/penaltyCase.ts).
-- The case row holds the current state and the facts the guards read; every step taken
-- is a case_events row (who, when, from and to which state, the step's input), so the
-- whole procedure can be replayed and shown (全过程记录). version guards against two
-- people acting on one case at once: a step names the version it saw.
CREATE TABLE penalty_cases (
  id                  serial PRIMARY KEY,
  case_no             text NOT NULL UNIQUE,
  org_id              integer NOT NULL REFERENCES organizations(id),
  state               text NOT NULL,
  version             integer NOT NULL DEFAULT 1,
  procedure_kind      text NOT NULL DEFAULT 'general' CHECK (procedure_kind IN ('general', 'simple')),
  source              text NOT NULL,
  cause               text NOT NULL,
  entity_id           bigint REFERENCES entities(id),
  party_kind          text NOT NULL CHECK (party_kind IN ('person', 'organisation')),
  party_name          text NOT NULL,
  party_code          text,
  party_legal_rep     text,
  party_address       text NOT NULL,
  party_phone         text,
  lead_on             date NOT NULL,
  filed_on            date,
  -- 90 days from filing (art. 60), kept so lists can filter overdue cases; recomputed
  -- for open cases when the working-day calendar changes.
  decision_due        date,
  facts               text,
  provision_code      text,
  provision_revision  integer,
  scenario            text,
  illegal_gains_yuan  numeric(14,2),
  tier                text,
  proposed_sanctions  text[],
  proposed_fine_yuan  numeric(14,2),
  outside_tier_reason text,
  complex             boolean NOT NULL DEFAULT false,
  legal_review_passed boolean NOT NULL DEFAULT false,
  notified_sanctions  text[],
  notified_fine_yuan  numeric(14,2),
  notice_served_on    date,
  defence_waived      boolean NOT NULL DEFAULT false,
  hearing_requested_on date,
  hearing_date        date,
  hearing_notice_served_on date,
  hearing_host_inspector_id integer REFERENCES inspectors(id),
  collective_recorded boolean NOT NULL DEFAULT false,
  decided_on          date,
  decided_sanctions   text[],
  decided_fine_yuan   numeric(14,2),
  served_on           date,
  paid_on             date,
  paid_yuan           numeric(14,2),
  closed_on           date,
  archived_on         date,
  created_by          integer REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX penalty_cases_org_state_idx ON penalty_cases (org_id, state, id);
CREATE INDEX penalty_cases_org_lead_idx ON penalty_cases (org_id, lead_on, id);
CREATE INDEX penalty_cases_due_idx ON penalty_cases (decision_due) WHERE decided_on IS NULL;

CREATE TABLE case_inspectors (
  case_id        integer NOT NULL REFERENCES penalty_cases(id),
  inspector_id   integer NOT NULL REFERENCES inspectors(id),
  recused        boolean NOT NULL DEFAULT false,
  recusal_reason text,
  PRIMARY KEY (case_id, inspector_id)
);
CREATE INDEX case_inspectors_inspector_idx ON case_inspectors (inspector_id);

CREATE TABLE case_events (
  id          bigserial PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES penalty_cases(id),
  step        text NOT NULL,
  from_state  text,
  to_state    text NOT NULL,
  input       jsonb NOT NULL DEFAULT '{}',
  user_id     integer REFERENCES users(id),
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_events_case_idx ON case_events (case_id, id);
