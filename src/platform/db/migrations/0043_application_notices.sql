-- Notices to an applicant at the contact they gave (licensing/applicantNotices.ts): the
-- tracking code on receipt, a correction notice, acceptance, the decision. One row per
-- application and channel for each notice; a bundle's one message is recorded on each of
-- its applications.
CREATE TABLE application_notices (
  id             serial PRIMARY KEY,
  application_id integer NOT NULL REFERENCES licence_applications(id),
  kind           text NOT NULL CHECK (kind IN ('received','correction','accepted','not_accepted','decided')),
  channel        text NOT NULL CHECK (channel IN ('sms','email','console')),
  recipient      text NOT NULL,
  message        text NOT NULL,
  status         text NOT NULL CHECK (status IN ('sent','failed')),
  error          text,
  sent_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_notices_application_idx ON application_notices (application_id, sent_at);
