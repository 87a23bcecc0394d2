-- Licensing and government services (行政许可与政务服务, modules/licensing): the
-- service-item catalogue, applications and their steps, electronic licences signed with
-- SM2, commitment verifications, expiry notifications and the publication of decisions.

-- The catalogue (事项清单 / 权责清单). Versioned: a change to an item adds a version and
-- marks the earlier one not current, so an application keeps the terms it was made
-- under (item_id names the version). item_code is what imports and the portal name.
CREATE TABLE catalogue_items (
  id                  serial PRIMARY KEY,
  item_code           text NOT NULL,
  version             integer NOT NULL DEFAULT 1 CHECK (version > 0),
  is_current          boolean NOT NULL DEFAULT true,
  org_id              integer NOT NULL REFERENCES organizations(id),
  name                text NOT NULL,
  category            text NOT NULL CHECK (category IN ('public_health','medical_institution','medical_staff','filing_other','ex_officio')),
  -- licence: decided, a licence issued; filing (备案): accepted on submission, verified later.
  kind                text NOT NULL DEFAULT 'licence' CHECK (kind IN ('licence','filing')),
  level               text NOT NULL DEFAULT 'municipal' CHECK (level IN ('provincial','municipal','district')),
  -- Citation as written (import column legal_basis), and the articles of the legal-basis
  -- library it names ([{law, article}]; empty when the text names none the library holds).
  legal_basis         text NOT NULL,
  legal_basis_cites   jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(legal_basis_cites) = 'array'),
  statutory_days      integer NOT NULL CHECK (statutory_days > 0),
  promised_days       integer NOT NULL CHECK (promised_days >= 0),
  online              boolean NOT NULL DEFAULT true,
  commitment_allowed  boolean NOT NULL DEFAULT false,
  deficiency_allowed  boolean NOT NULL DEFAULT false,
  fee                 text NOT NULL DEFAULT '不收费',
  -- [{code, name, required, replaceable: null | 'e_licence' | 'data_check', licenceName?}]
  materials           jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(materials) = 'array'),
  -- The licence an approval issues (empty for filings and items that issue none).
  licence_name        text,
  licence_valid_years integer CHECK (licence_valid_years IS NULL OR licence_valid_years > 0),
  -- Days before expiry the holder is reminded (default 30 and 7).
  reminder_days       integer[] NOT NULL DEFAULT '{30,7}',
  active              boolean NOT NULL DEFAULT true,
  -- Published to the portal as the service guide (办事指南).
  published_at        timestamptz,
  change_note         text,
  created_by          integer REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_code, version),
  CHECK (promised_days <= statutory_days)
);
CREATE UNIQUE INDEX catalogue_items_current_idx ON catalogue_items (item_code) WHERE is_current;
CREATE INDEX catalogue_items_org_idx ON catalogue_items (org_id, category) WHERE is_current;

-- "One thing" bundles (一件事一次办): catalogue items applied for with one form.
CREATE TABLE catalogue_bundles (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  org_id      integer NOT NULL REFERENCES organizations(id),
  name        text NOT NULL,
  item_codes  text[] NOT NULL CHECK (cardinality(item_codes) >= 2),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- The SM2 key pair of an issuing organisation. The private key is kept here, readable
-- by the server only (a deployment with a signing device replaces sign() in
-- core/crypto/sm2.ts); retired keys stay to verify what they signed.
CREATE TABLE signing_keys (
  id           serial PRIMARY KEY,
  org_id       integer NOT NULL REFERENCES organizations(id),
  algorithm    text NOT NULL DEFAULT 'SM2' CHECK (algorithm = 'SM2'),
  public_key   text NOT NULL,
  private_key  text NOT NULL,
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX signing_keys_active_idx ON signing_keys (org_id) WHERE active;

-- Applications (办件). One row per catalogue item applied for; a bundle's applications
-- share bundle_no and tracking code.
CREATE TABLE licence_applications (
  id                    serial PRIMARY KEY,
  application_no        text NOT NULL UNIQUE,
  item_id               integer NOT NULL REFERENCES catalogue_items(id),
  org_id                integer NOT NULL REFERENCES organizations(id),
  bundle_code           text,
  bundle_no             text,
  applicant_name        text NOT NULL,
  applicant_uscc        text,
  entity_id             bigint REFERENCES entities(id),
  contact_phone         text,
  contact_email         text,
  address               text,
  scope                 text,
  channel               text NOT NULL CHECK (channel IN ('online','window','mail','self_service')),
  -- What the applicant follows the application with (portal): random, shown once.
  tracking_code         text NOT NULL,
  state                 text NOT NULL CHECK (state IN ('submitted','correction_requested','accepted','not_accepted','approved','refused','withdrawn')),
  received_on           date NOT NULL,
  accepted_on           date,
  -- accepted_on + the item's promised working days (the clock).
  due_on                date,
  concluded_on          date,
  outcome               text CHECK (outcome IN ('approved','refused','withdrawn')),
  commitment            boolean NOT NULL DEFAULT false,
  deficiency_accepted   boolean NOT NULL DEFAULT false,
  -- [{name, dueOn}] owed under 容缺受理, and when they were all supplied.
  deficiency_items      jsonb NOT NULL DEFAULT '[]',
  deficiency_due_on     date,
  deficiency_cleared_on date,
  e_licence_reused      boolean NOT NULL DEFAULT false,
  proof_free            boolean NOT NULL DEFAULT false,
  -- [{code, name, provision: 'paper'|'e_licence'|'data_check'|'outstanding'|'missing', licenceNo?}]
  materials             jsonb NOT NULL DEFAULT '[]',
  -- 一次性告知: the one complete list of corrections asked for, and when.
  correction_notice     text,
  correction_requested_on date,
  corrected_on          date,
  not_accepted_reason   text,
  decision_reason       text,
  remedies              text,
  rating                integer CHECK (rating BETWEEN 1 AND 5),
  rating_comment        text,
  rated_on              date,
  -- The decision as published (双公示, masked), and its deadline.
  published_on          date,
  publication_due_on    date,
  publication           jsonb,
  source                text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform','import')),
  submitter_ip          text,
  created_by            integer REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome IS NULL) = (concluded_on IS NULL))
);
CREATE INDEX licence_applications_org_idx ON licence_applications (org_id, received_on DESC, id DESC);
CREATE INDEX licence_applications_tracking_idx ON licence_applications (tracking_code);
CREATE INDEX licence_applications_concluded_idx ON licence_applications (concluded_on) WHERE concluded_on IS NOT NULL;
CREATE INDEX licence_applications_open_idx ON licence_applications (org_id, state) WHERE outcome IS NULL;
CREATE INDEX licence_applications_published_idx ON licence_applications (published_on DESC, id DESC) WHERE published_on IS NOT NULL;

-- Electronic licences (电子证照). payload is the canonical JSON of what was issued and
-- signature its SM2 signature (hex, DER) by key_id; every status change signs a status
-- statement (status_payload, status_signature) the same way, so neither the licence's
-- data nor its status can be changed in the database without verification failing.
CREATE TABLE licences (
  id                serial PRIMARY KEY,
  licence_no        text NOT NULL UNIQUE,
  item_id           integer REFERENCES catalogue_items(id),
  licence_name      text NOT NULL,
  org_id            integer NOT NULL REFERENCES organizations(id),
  holder_name       text NOT NULL,
  holder_uscc       text,
  entity_id         bigint REFERENCES entities(id),
  scope             text NOT NULL DEFAULT '',
  address           text NOT NULL DEFAULT '',
  issued_on         date NOT NULL,
  valid_from        date NOT NULL,
  valid_to          date NOT NULL,
  status            text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid','revoked','cancelled','superseded')),
  status_on         date,
  status_reason     text,
  application_id    integer REFERENCES licence_applications(id),
  -- The licence this one renews, changes or re-issues.
  previous_id       integer REFERENCES licences(id),
  key_id            integer REFERENCES signing_keys(id),
  payload           text NOT NULL,
  signature         text NOT NULL,
  status_payload    text NOT NULL,
  status_signature  text NOT NULL,
  -- In the QR code's address: /verify/licence/<token>.
  verify_token      text NOT NULL UNIQUE,
  source            text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform','import')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to >= valid_from)
);
CREATE INDEX licences_org_idx ON licences (org_id, id DESC);
CREATE INDEX licences_expiry_idx ON licences (valid_to) WHERE status = 'valid';
CREATE INDEX licences_holder_idx ON licences (holder_uscc) WHERE holder_uscc IS NOT NULL;
CREATE INDEX licences_entity_idx ON licences (entity_id) WHERE entity_id IS NOT NULL;
CREATE UNIQUE INDEX licences_application_idx ON licences (application_id) WHERE application_id IS NOT NULL;

-- The history of a licence: issued, changed, renewed, re-issued, cancelled, revoked.
CREATE TABLE licence_events (
  id          serial PRIMARY KEY,
  licence_id  integer NOT NULL REFERENCES licences(id),
  kind        text NOT NULL CHECK (kind IN ('issued','changed','renewed','reissued','cancelled','revoked','commitment_false')),
  on_date     date NOT NULL,
  reason      text,
  case_id     integer REFERENCES penalty_cases(id),
  actor_id    integer REFERENCES users(id),
  actor_name  text NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX licence_events_licence_idx ON licence_events (licence_id, id);

-- Verification of a notification-and-commitment approval (告知承诺 核查).
CREATE TABLE commitment_checks (
  id              serial PRIMARY KEY,
  application_id  integer NOT NULL UNIQUE REFERENCES licence_applications(id),
  licence_id      integer REFERENCES licences(id),
  org_id          integer NOT NULL REFERENCES organizations(id),
  due_on          date NOT NULL,
  state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open','confirmed','false_commitment')),
  checked_on      date,
  finding         text,
  checked_by      integer REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commitment_checks_open_idx ON commitment_checks (org_id, due_on) WHERE state = 'open';

-- Expiry reminders sent to holders: one row per licence, threshold and channel, so the
-- daily job never sends the same reminder twice.
CREATE TABLE licence_notifications (
  id           serial PRIMARY KEY,
  licence_id   integer NOT NULL REFERENCES licences(id),
  days_before  integer NOT NULL,
  channel      text NOT NULL CHECK (channel IN ('sms','email','console')),
  recipient    text NOT NULL,
  message      text NOT NULL,
  status       text NOT NULL CHECK (status IN ('sent','failed')),
  error        text,
  sent_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (licence_id, days_before, channel)
);
