-- Registers the annual rule-of-law report reads (modules/registers, issue 7): proactive
-- disclosure publications (主动公开), trainings and collective law study (培训学法),
-- law-popularisation activities (普法活动) and the "谁执法谁普法" responsibility list
-- (普法责任清单). The first three are also datasets (data-exchange.md); an imported row
-- has source 'import' and is updated by its number on re-import.
CREATE TABLE publications (
  id              bigserial PRIMARY KEY,
  publication_no  text NOT NULL UNIQUE,
  org_id          bigint NOT NULL REFERENCES organizations(id),
  published_on    date NOT NULL,
  channel         text NOT NULL CHECK (channel IN ('website','weibo','wechat','catalogue','other')),
  title           text NOT NULL,
  url             text,
  source          text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform','import')),
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX publications_org_published_idx ON publications (org_id, published_on);

CREATE TABLE trainings (
  id              bigserial PRIMARY KEY,
  training_no     text NOT NULL UNIQUE,
  org_id          bigint NOT NULL REFERENCES organizations(id),
  held_on         date NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('training','law_study','constitution_oath','expert_lecture')),
  title           text NOT NULL,
  participants    integer NOT NULL CHECK (participants >= 0),
  source          text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform','import')),
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trainings_org_held_idx ON trainings (org_id, held_on);

-- A platform online quiz (modules/quiz) owns one activity of kind 'quiz' and keeps its
-- participants equal to the quiz's completed attempts.
CREATE TABLE popularization_activities (
  id              bigserial PRIMARY KEY,
  activity_no     text NOT NULL UNIQUE,
  org_id          bigint NOT NULL REFERENCES organizations(id),
  held_on         date NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('campaign','quiz','lecture','media','service')),
  title           text NOT NULL,
  participants    integer NOT NULL DEFAULT 0 CHECK (participants >= 0),
  source          text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform','import')),
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX popularization_activities_org_held_idx ON popularization_activities (org_id, held_on);

-- The 普法责任清单: per responsible unit and year, what it undertakes to do.
CREATE TABLE popularization_duties (
  id               bigserial PRIMARY KEY,
  org_id           bigint NOT NULL REFERENCES organizations(id),
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  duty             text NOT NULL,
  measure          text,
  target           text,
  due_on           date,
  completed_on     date,
  completion_note  text,
  created_by       integer REFERENCES users(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX popularization_duties_year_org_idx ON popularization_duties (year, org_id);

-- Platform-generated numbers (GK-2026-000123, PX-…, PF-…) when the user leaves it empty.
CREATE SEQUENCE publications_no_seq;
CREATE SEQUENCE trainings_no_seq;
CREATE SEQUENCE popularization_activities_no_seq;
