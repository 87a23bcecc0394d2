-- Matters on a legal clock (modules/matters): the 12320 hotline and complaints,
-- petitions (信访), disclosure requests (依申请公开), medical-dispute mediation,
-- reconsideration (行政复议) and litigation (行政应诉) against the commission, and NPC
-- suggestions / CPPCC proposals (建议提案). All seven share one shape (something arrives,
-- a clock starts, the commission answers, the outcome is reported), so they share one
-- table run by the procedure engine: each kind's procedure (core/matters/<kind>.ts)
-- says which steps set which columns. The columns the reports read are real columns
-- (metrics.md); what only the screens show stays in details.
CREATE TABLE matters (
  id               bigserial PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('hotline','petition','disclosure','mediation','reconsideration','litigation','proposal')),
  -- The dataset key (record_no, petition_no, request_no, case_no, proposal_no).
  matter_no        text NOT NULL,
  org_id           integer NOT NULL REFERENCES organizations(id),
  state            text NOT NULL,
  version          integer NOT NULL DEFAULT 1,
  -- hotline: call type; proposal: npc | cppcc; mediation: people | administrative;
  -- reconsideration: normal | simplified.
  subtype          text,
  channel          text,
  -- proposal: lead | co.
  role             text,
  title            text,
  summary          text,
  -- The person who brought the matter (caller, petitioner, applicant, patient side,
  -- reconsideration applicant, plaintiff, representative). Never shown publicly unmasked.
  contact_name     text,
  contact_phone    text,
  contact_email    text,
  contact_address  text,
  anonymous        boolean NOT NULL DEFAULT false,
  entity_id        bigint REFERENCES entities(id),
  -- The unit it is routed to (complaints), the person handling it now, and the one
  -- responsible leader (petitions).
  handler_org_id   integer REFERENCES organizations(id),
  assignee_id      integer REFERENCES users(id),
  leader_id        integer REFERENCES users(id),
  received_at      timestamptz,
  received_on      date NOT NULL,
  accepted_on      date,
  -- The date the main clock runs from (acceptance; a corrected disclosure request).
  clock_start_on   date,
  -- The main clock's due date, extensions and pauses included (kept for lists, to-dos
  -- and the on-time figures; recomputed whenever the clock changes).
  due_on           date,
  concluded_on     date,
  outcome          text,
  reply            text,
  satisfaction     text CHECK (satisfaction IS NULL OR satisfaction IN ('satisfied','basically_satisfied','unsatisfied')),
  extended         boolean NOT NULL DEFAULT false,
  -- [{from, to, reason}] days not counted (third-party consultation, appraisal).
  pauses           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(pauses) = 'array'),
  -- [{amount, reason, approvedBy, on}] approved extensions of the main clock, in order.
  extensions       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(extensions) = 'array'),
  hearing_on       date,
  head_appeared    boolean,
  grade            text CHECK (grade IS NULL OR grade IN ('A','B','C','D')),
  -- A penalty case opened from a complaint, or the case a reconsideration or suit challenges.
  case_id          integer REFERENCES penalty_cases(id),
  -- An earlier matter this one repeats (the same entity complained about again).
  repeat_of_id     bigint REFERENCES matters(id),
  -- What the public follows the matter with (portal): random, unguessable.
  tracking_code    text UNIQUE,
  details          jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
  source           text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform','portal','import')),
  submitter_ip     text,
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, matter_no),
  CHECK (concluded_on IS NULL OR concluded_on >= received_on)
);
CREATE INDEX matters_kind_org_received_idx ON matters (kind, org_id, received_on, id);
CREATE INDEX matters_open_idx ON matters (kind, due_on) WHERE concluded_on IS NULL;
CREATE INDEX matters_assignee_idx ON matters (assignee_id) WHERE concluded_on IS NULL;
CREATE INDEX matters_handler_idx ON matters (handler_org_id) WHERE concluded_on IS NULL;
CREATE INDEX matters_entity_idx ON matters (entity_id, kind) WHERE entity_id IS NOT NULL;

-- Every step taken on a matter (who, when, from and to which state, the step's input).
CREATE TABLE matter_events (
  id          bigserial PRIMARY KEY,
  matter_id   bigint NOT NULL REFERENCES matters(id),
  step        text NOT NULL,
  from_state  text,
  to_state    text NOT NULL,
  input       jsonb NOT NULL DEFAULT '{}',
  user_id     integer REFERENCES users(id),
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX matter_events_matter_idx ON matter_events (matter_id, id);

-- Judicial and procuratorial suggestions (司法建议、检察建议) received, with or without a
-- suit, and their answers.
CREATE TABLE oversight_suggestions (
  id           serial PRIMARY KEY,
  org_id       integer NOT NULL REFERENCES organizations(id),
  kind         text NOT NULL CHECK (kind IN ('procuratorial','judicial')),
  issuer       text NOT NULL,
  matter_id    bigint REFERENCES matters(id),
  received_on  date NOT NULL,
  due_on       date,
  summary      text NOT NULL,
  answered_on  date,
  answer       text,
  created_by   integer REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (answered_on IS NULL OR answered_on >= received_on)
);
CREATE INDEX oversight_suggestions_org_idx ON oversight_suggestions (org_id, received_on);
