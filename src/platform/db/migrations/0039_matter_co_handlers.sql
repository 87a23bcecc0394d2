-- The co-handling organisations (会办单位) of a proposal the platform leads: each is an
-- organisation on the platform that reads the proposal and writes its own opinion for the
-- lead unit within the co-handling period (core/matters/clocks.ts, proposal.coOpinion,
-- kept in due_on from the day of assignment). A co-handler outside the platform (another
-- bureau of the city government) stays a name in matters.details.coOpinions, its opinion
-- recorded by the lead. The lead answers only once every co-handler's opinion is in.
CREATE TABLE matter_co_handlers (
  id          bigserial PRIMARY KEY,
  matter_id   bigint NOT NULL REFERENCES matters(id),
  org_id      integer NOT NULL REFERENCES organizations(id),
  due_on      date NOT NULL,
  opinion     text,
  opinion_on  date,
  opinion_by  integer REFERENCES users(id),
  opinion_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (matter_id, org_id),
  CHECK ((opinion IS NULL) = (opinion_on IS NULL) AND (opinion IS NULL) = (opinion_by IS NULL))
);
-- A unit's co-handled proposals (the list's filter) and the opinions it still owes (to-dos).
CREATE INDEX matter_co_handlers_org_idx ON matter_co_handlers (org_id, matter_id);
CREATE INDEX matter_co_handlers_pending_idx ON matter_co_handlers (org_id, due_on) WHERE opinion_on IS NULL;
