-- The online law quiz on the public portal (网上学法知识竞赛, modules/quiz): a question
-- bank per organisation, quizzes drawn from it, and the public's timed attempts.
-- Publishing a quiz registers it as a law-popularisation activity (kind 'quiz'); each
-- completed attempt adds one participant to that activity, so popularization.participants
-- counts the completed attempts.

CREATE TABLE quiz_questions (
  id           bigserial PRIMARY KEY,
  org_id       integer NOT NULL REFERENCES organizations(id),
  -- 题干
  text         text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('single','multiple','true_false')),
  -- [{"key":"A","text":"…"}, …] in order; true/false questions have A 正确, B 错误.
  options      jsonb NOT NULL,
  -- The correct keys, sorted ('A'; 'A','C'; …).
  answer       text[] NOT NULL CHECK (cardinality(answer) >= 1),
  -- 解析
  explanation  text,
  -- 依据, e.g. 《中华人民共和国行政处罚法》第四十四条
  law_ref      text,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quiz_questions_org_idx ON quiz_questions (org_id, active);

CREATE TABLE law_quizzes (
  id                  bigserial PRIMARY KEY,
  org_id              integer NOT NULL REFERENCES organizations(id),
  title               text NOT NULL,
  description         text,
  opens_on            date NOT NULL,
  closes_on           date NOT NULL,
  question_count      integer NOT NULL CHECK (question_count BETWEEN 1 AND 100),
  time_limit_minutes  integer NOT NULL CHECK (time_limit_minutes BETWEEN 1 AND 240),
  -- Out of 100.
  pass_score          integer NOT NULL CHECK (pass_score BETWEEN 0 AND 100),
  status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','closed')),
  -- The popularisation activity the quiz is registered as, created when it is published
  -- (a draft is no activity yet, so it has none; a published or closed quiz always has one).
  activity_id         bigint UNIQUE REFERENCES popularization_activities(id),
  published_at        timestamptz,
  closed_at           timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (closes_on >= opens_on),
  CHECK (status = 'draft' OR activity_id IS NOT NULL)
);
CREATE INDEX law_quizzes_org_idx ON law_quizzes (org_id, status);

CREATE TABLE quiz_attempts (
  id                 bigserial PRIMARY KEY,
  quiz_id            bigint NOT NULL REFERENCES law_quizzes(id),
  -- 32 characters of base64url (192 random bits): the participant's only handle on the attempt.
  token              text NOT NULL UNIQUE,
  participant_name   text,
  participant_phone  text,
  -- The ids of the questions drawn, in the order shown.
  question_ids       jsonb NOT NULL,
  started_at         timestamptz NOT NULL DEFAULT now(),
  deadline_at        timestamptz NOT NULL,
  submitted_at       timestamptz,
  -- {"<question id>": ["A","C"], …} as submitted.
  answers            jsonb,
  correct_count      integer,
  -- Out of 100: round(100 × correct / questions drawn).
  score              integer CHECK (score BETWEEN 0 AND 100),
  ip                 text,
  CHECK ((submitted_at IS NULL) = (score IS NULL))
);
-- Attempts started and completed per quiz, and the completed ones' scores.
CREATE INDEX quiz_attempts_quiz_idx ON quiz_attempts (quiz_id, started_at);
CREATE INDEX quiz_attempts_completed_idx ON quiz_attempts (quiz_id, score) WHERE submitted_at IS NOT NULL;
