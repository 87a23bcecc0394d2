-- The year's work plan (工作要点, modules/workplans): an organisation's plan for a year in
-- sections (一、二、…) of numbered tasks; each task names its lead and supporting units
-- (matched to organisations of the plan's subtree where the name allows, kept as text
-- otherwise), may carry KPI targets bound to a metric of the registry, and collects a
-- progress note per quarter from each unit.
CREATE TABLE work_plans (
  id          serial PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES organizations(id),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  title       text NOT NULL CHECK (title <> ''),
  intro       text NOT NULL DEFAULT '',
  status      text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, year, title)
);
CREATE INDEX work_plans_year_idx ON work_plans (year, org_id);

CREATE TABLE work_plan_sections (
  id          serial PRIMARY KEY,
  plan_id     integer NOT NULL REFERENCES work_plans(id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  heading     text NOT NULL CHECK (heading <> '')
);
CREATE INDEX work_plan_sections_plan_idx ON work_plan_sections (plan_id, seq);

-- number: the task's number as the plan prints it ("1." …), running through the plan in
-- the order of sections and tasks (kept so by every change of the structure).
CREATE TABLE work_plan_tasks (
  id          serial PRIMARY KEY,
  section_id  integer NOT NULL REFERENCES work_plan_sections(id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  number      integer NOT NULL,
  text        text NOT NULL CHECK (text <> ''),
  -- The units' bracket as written ("委政策法规处、相关处室,委属各单位").
  units_text  text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_plan_tasks_section_idx ON work_plan_tasks (section_id, seq);

-- One unit named by a task: the first leads, the others support. org_id is the
-- organisation of the plan's subtree the name designates, null for a name that designates
-- none ("相关处室", "委属各单位").
CREATE TABLE work_plan_task_units (
  id          serial PRIMARY KEY,
  task_id     integer NOT NULL REFERENCES work_plan_tasks(id) ON DELETE CASCADE,
  seq         integer NOT NULL,
  org_id      integer REFERENCES organizations(id),
  unit_name   text NOT NULL CHECK (unit_name <> ''),
  role        text NOT NULL CHECK (role IN ('lead','support'))
);
CREATE INDEX work_plan_task_units_task_idx ON work_plan_task_units (task_id, seq);
CREATE INDEX work_plan_task_units_org_idx ON work_plan_task_units (org_id) WHERE org_id IS NOT NULL;

-- A KPI target: the metric (an id of the metric registry, checked by the service), how it
-- is compared and the value (ratios as 0..1).
CREATE TABLE work_plan_targets (
  id          serial PRIMARY KEY,
  task_id     integer NOT NULL REFERENCES work_plan_tasks(id) ON DELETE CASCADE,
  metric_id   text NOT NULL,
  comparator  text NOT NULL CHECK (comparator IN ('>=','>','<=','<','=')),
  target      numeric NOT NULL,
  note        text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX work_plan_targets_task_idx ON work_plan_targets (task_id);

-- A unit's progress note on a task for a quarter of the plan's year.
CREATE TABLE work_plan_progress (
  id          serial PRIMARY KEY,
  task_id     integer NOT NULL REFERENCES work_plan_tasks(id) ON DELETE CASCADE,
  quarter     smallint NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  org_id      integer NOT NULL REFERENCES organizations(id),
  note        text NOT NULL CHECK (note <> ''),
  author_id   integer REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (task_id, quarter, org_id)
);
