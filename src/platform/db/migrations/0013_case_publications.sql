-- Publication of penalty decisions (执法公示, 双公示). The public record is stored as
-- published (already masked), so what the portal shows is exactly what was released;
-- withdrawal keeps the row and says when and why.
CREATE TABLE case_publications (
  id             serial PRIMARY KEY,
  case_id        integer NOT NULL UNIQUE REFERENCES penalty_cases(id),
  org_id         integer NOT NULL REFERENCES organizations(id),
  severity       text NOT NULL CHECK (severity IN ('minor', 'general', 'serious')),
  published_on   date NOT NULL,
  -- Publication deadline (decision + 7 working days), to count on-time publication.
  due_on         date NOT NULL,
  repair_from    date NOT NULL,
  public_until   date NOT NULL,
  content        jsonb NOT NULL,
  search_text    text NOT NULL,
  withdrawn_on   date,
  withdrawn_reason text,
  published_by   integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_publications_public_idx ON case_publications (published_on DESC, id DESC) WHERE withdrawn_on IS NULL;
