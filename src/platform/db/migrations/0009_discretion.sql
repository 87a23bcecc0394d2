-- Penalty provisions and their discretion benchmarks (modules/discretion). A provision's
-- definition (violated and penalty articles, scenarios, fine rules, benchmark tiers; see
-- core/discretion/engine.ts) is kept as revisions: editing the benchmark adds a revision
-- with the date it applies from, and a case cites the revision in force when decided.
CREATE TABLE penalty_provisions (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  title       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE provision_revisions (
  id              serial PRIMARY KEY,
  provision_id    integer NOT NULL REFERENCES penalty_provisions(id),
  revision        integer NOT NULL CHECK (revision > 0),
  -- NULL: applies from the beginning (the revision the platform ships).
  effective_from  date,
  definition      jsonb NOT NULL,
  source          text NOT NULL CHECK (source IN ('bundled', 'staff')),
  note            text,
  created_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provision_id, revision)
);
