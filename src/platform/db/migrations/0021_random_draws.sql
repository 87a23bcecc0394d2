-- Random-inspection plans made on the platform and their verifiable draws (双随机).
-- A plan is written as a draft, then announced: the seed is generated and kept secret,
-- its commitment SM3(seed), the parameters and the digests of the frozen candidate,
-- inspector and recusal lists are published (random_draws.announcement). The draw then
-- runs once from those frozen inputs; its result and the seed become public, and anyone
-- can re-run it (core/draw/draw.ts verifyDraw). A re-draw needs a recorded reason: the
-- first draw stays, marked superseded, and a new announcement starts (attempt 2, 3 ...).
-- Imported plans (datasets) have no draw and stay status 'drawn'.
ALTER TABLE random_plans
  ADD COLUMN status           text NOT NULL DEFAULT 'drawn' CHECK (status IN ('draft', 'announced', 'drawn')),
  ADD COLUMN description      text,
  -- Tasks are due on this day (every drawn entity is inspected by then).
  ADD COLUMN due_on           date,
  -- Scope: entity categories and regions (empty: all) of the plan organisation's subtree.
  ADD COLUMN categories       text[] NOT NULL DEFAULT '{}',
  ADD COLUMN region_codes     text[] NOT NULL DEFAULT '{}',
  ADD COLUMN base_ratio       numeric(7, 6) CHECK (base_ratio > 0 AND base_ratio <= 1),
  ADD COLUMN strata           text NOT NULL DEFAULT 'risk_credit' CHECK (strata IN ('risk_credit', 'risk', 'credit', 'none')),
  -- The plan's own ratio per stratum key ('high/D' ...), overriding the default multiplier.
  ADD COLUMN stratum_ratios   jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN include_recent   boolean NOT NULL DEFAULT false,
  ADD COLUMN team_size        integer CHECK (team_size >= 2),
  -- 联合抽查: carried out with another department (named in joint_departments).
  ADD COLUMN joint            boolean NOT NULL DEFAULT false,
  ADD COLUMN joint_departments text;

CREATE TABLE random_draws (
  id              serial PRIMARY KEY,
  plan_id         integer NOT NULL REFERENCES random_plans(id),
  attempt         integer NOT NULL CHECK (attempt >= 1),
  -- Secret until drawn_at is set: no route serves it before.
  seed            char(64) NOT NULL,
  commitment      char(64) NOT NULL,
  -- DrawAnnouncement: algorithm, commitment, params, digests, counts.
  announcement    jsonb NOT NULL,
  -- The frozen lists { candidates, inspectors, recusals } (DrawInputs without params) as
  -- gzip-compressed JSON: a district's list is a few megabytes, a province's a hundred
  -- before compression, which jsonb would parse and re-read for nothing (bench/draw.ts).
  inputs          bytea NOT NULL,
  announced_at    timestamptz NOT NULL DEFAULT now(),
  announced_by    integer REFERENCES users(id),
  -- Why this attempt exists (attempt > 1): the reason of the re-draw.
  redraw_reason   text,
  drawn_at        timestamptz,
  drawn_by        integer REFERENCES users(id),
  -- DrawResult.
  result          jsonb,
  superseded_at   timestamptz,
  UNIQUE (plan_id, attempt),
  CHECK (attempt = 1 OR redraw_reason IS NOT NULL),
  CHECK ((drawn_at IS NULL) = (result IS NULL))
);
-- One live (not superseded) draw per plan.
CREATE UNIQUE INDEX random_draws_live_idx ON random_draws (plan_id) WHERE superseded_at IS NULL;

-- Conflicts of interest declared by inspectors (回避): never drawn for that entity.
CREATE TABLE inspector_conflicts (
  id            serial PRIMARY KEY,
  inspector_id  integer NOT NULL REFERENCES inspectors(id),
  entity_id     bigint NOT NULL REFERENCES entities(id),
  reason        text NOT NULL,
  declared_on   date NOT NULL,
  declared_by   integer REFERENCES users(id),
  withdrawn_at  timestamptz,
  withdrawn_reason text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX inspector_conflicts_live_idx ON inspector_conflicts (inspector_id, entity_id) WHERE withdrawn_at IS NULL;
CREATE INDEX inspector_conflicts_entity_idx ON inspector_conflicts (entity_id);

-- A task from a draw: its draw, the team drawn for it, and why the entity was drawn.
ALTER TABLE random_tasks
  ADD COLUMN draw_id        integer REFERENCES random_draws(id),
  ADD COLUMN inspector_ids  integer[] NOT NULL DEFAULT '{}',
  ADD COLUMN draw_reason    text CHECK (draw_reason IN ('random', 'mandatory')),
  ADD COLUMN stratum        text;
CREATE INDEX random_tasks_inspectors_idx ON random_tasks USING gin (inspector_ids);
