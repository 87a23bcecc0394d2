-- Credit and risk (信用+监管, modules/credit): the engine of src/core/credit applied to each
-- entity's records. entities.credit_grade, risk_class and blacklisted (migrations 0002,
-- 0003) hold the result after any manual override, so the directory's filters and the
-- random draw read them as before; the tables below hold how they were reached.

-- The latest evaluation of each entity (one row per entity, replaced by every
-- recompute; the audit log keeps who recomputed and what changed). computed_* are the
-- engine's values before the override; reasons and warnings are the engine's own
-- (core/credit/model.ts CreditReason[], string[]), the override's reason first when one
-- applied on evaluated_on.
CREATE TABLE credit_evaluations (
  entity_id           bigint PRIMARY KEY REFERENCES entities(id),
  evaluated_on        date NOT NULL,
  rule_set_id         text NOT NULL,
  rule_set_title      text NOT NULL,
  rule_set_from       date NOT NULL,
  computed_grade      text NOT NULL CHECK (computed_grade IN ('A','B','C','D')),
  computed_risk_class text NOT NULL CHECK (computed_risk_class IN ('low','medium','high')),
  grade               text NOT NULL CHECK (grade IN ('A','B','C','D')),
  risk_class          text NOT NULL CHECK (risk_class IN ('low','medium','high')),
  blacklisted         boolean NOT NULL,
  grade_since         date,
  grade_until         date,
  blacklisted_since   date,
  blacklisted_until   date,
  overridden          boolean NOT NULL DEFAULT false,
  reasons             jsonb NOT NULL,
  warnings            jsonb NOT NULL DEFAULT '[]',
  evaluated_at        timestamptz NOT NULL DEFAULT now(),
  evaluated_by        integer REFERENCES users(id)
);

-- Manual overrides (人工调整) of the computed grade and/or risk class, with a reason and
-- a first and last day (core/credit/validate.ts validateOverride). Never deleted: lifting
-- one, or setting a new one in its place, closes it (lifted_*), so the history stays.
-- At most one open override per entity.
CREATE TABLE credit_overrides (
  id             serial PRIMARY KEY,
  entity_id      bigint NOT NULL REFERENCES entities(id),
  grade          text CHECK (grade IN ('A','B','C','D')),
  risk_class     text CHECK (risk_class IN ('low','medium','high')),
  reason         text NOT NULL,
  valid_from     date NOT NULL,
  valid_until    date NOT NULL,
  created_by     integer REFERENCES users(id),
  created_by_name text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  lifted_at      timestamptz,
  lifted_by      integer REFERENCES users(id),
  lifted_reason  text,
  CHECK (grade IS NOT NULL OR risk_class IS NOT NULL),
  CHECK (valid_until >= valid_from)
);
CREATE UNIQUE INDEX credit_overrides_open_idx ON credit_overrides (entity_id) WHERE lifted_at IS NULL;
CREATE INDEX credit_overrides_entity_idx ON credit_overrides (entity_id, id);

-- Credit repair (信用修复) of one penalty decision of the entity: requested with a reason,
-- approved or refused by a leader with an opinion. An approved repair ends the
-- decision's effect on the grade and the list from decided_on (core/credit/engine.ts).
-- One open (pending or approved) repair per decision.
CREATE TABLE credit_repairs (
  id             serial PRIMARY KEY,
  entity_id      bigint NOT NULL REFERENCES entities(id),
  case_id        integer NOT NULL REFERENCES penalty_cases(id),
  state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','rejected')),
  reason         text NOT NULL,
  requested_by   integer REFERENCES users(id),
  requested_at   timestamptz NOT NULL DEFAULT now(),
  decided_by     integer REFERENCES users(id),
  decided_at     timestamptz,
  decided_on     date,
  opinion        text,
  -- The decision's publication (执法公示) was withdrawn by the approval (reason 信用修复).
  publication_withdrawn boolean NOT NULL DEFAULT false,
  CHECK ((state = 'pending') = (decided_on IS NULL))
);
CREATE UNIQUE INDEX credit_repairs_open_idx ON credit_repairs (case_id) WHERE state IN ('pending','approved');
CREATE INDEX credit_repairs_entity_idx ON credit_repairs (entity_id, id);
CREATE INDEX credit_repairs_pending_idx ON credit_repairs (id) WHERE state = 'pending';

-- The facts of a batch of entities are read by entity: the decided cases of each.
CREATE INDEX penalty_cases_entity_idx ON penalty_cases (entity_id) WHERE entity_id IS NOT NULL AND decided_on IS NOT NULL;
