-- Supervision (modules/inspections): random-inspection plans (双随机、一公开), their tasks
-- (one drawn entity each) and inspection visits (监督检查, random or not). Historical
-- records arrive through the datasets random_plans, random_tasks and inspections
-- (data-exchange.md) already concluded; they are marked imported. The inspection.*
-- metrics read these tables only.
CREATE TABLE random_plans (
  id              serial PRIMARY KEY,
  plan_no         text NOT NULL UNIQUE,
  org_id          integer NOT NULL REFERENCES organizations(id),
  title           text NOT NULL,
  source          text NOT NULL CHECK (source IN ('national', 'provincial', 'municipal', 'local')),
  year            integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- The draw used the entities' credit grades and risk classes (信用分类结果应用).
  credit_applied  boolean NOT NULL DEFAULT false,
  imported        boolean NOT NULL DEFAULT false,
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX random_plans_org_year_idx ON random_plans (org_id, year);

CREATE TABLE random_tasks (
  id              serial PRIMARY KEY,
  task_no         text NOT NULL UNIQUE,
  plan_id         integer NOT NULL REFERENCES random_plans(id),
  entity_id       bigint NOT NULL REFERENCES entities(id),
  due_on          date NOT NULL,
  completed_on    date,
  -- Carried out jointly with another department (联合抽查).
  joint           boolean NOT NULL DEFAULT false,
  -- Publication of the result (一公开) and its deadline (the visit + the configured working days).
  published_on    date,
  publication_due date,
  imported        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX random_tasks_plan_idx ON random_tasks (plan_id);
CREATE INDEX random_tasks_due_idx ON random_tasks (due_on);
CREATE INDEX random_tasks_completed_idx ON random_tasks (completed_on) WHERE completed_on IS NOT NULL;
CREATE INDEX random_tasks_entity_idx ON random_tasks (entity_id);

CREATE TABLE inspections (
  id              bigserial PRIMARY KEY,
  visit_no        text NOT NULL UNIQUE,
  org_id          integer NOT NULL REFERENCES organizations(id),
  entity_id       bigint NOT NULL REFERENCES entities(id),
  visited_on      date NOT NULL,
  random_task_id  integer REFERENCES random_tasks(id),
  result          text NOT NULL CHECK (result IN ('compliant', 'non_compliant', 'closed_down', 'not_found')),
  -- The inspectors on the visit (at least two, 行政处罚法 art. 42), kept as their ids.
  inspector_ids   integer[] NOT NULL,
  imported        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspections_org_visited_idx ON inspections (org_id, visited_on);
CREATE INDEX inspections_visited_idx ON inspections (visited_on);
CREATE INDEX inspections_entity_idx ON inspections (entity_id, visited_on);
CREATE INDEX inspections_task_idx ON inspections (random_task_id) WHERE random_task_id IS NOT NULL;
