-- Platform foundation: organisations, people and access, audit, calendar, rule settings.
-- Runs identically on PGlite (PostgreSQL 18) and the PostgreSQL 15 server.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Organisation tree. path is the chain of ids from the root ('/1/4/9/') so a subtree is a
-- prefix match; it is maintained by the service whenever parent_id changes.
CREATE TABLE organizations (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  parent_id   integer REFERENCES organizations(id),
  path        text NOT NULL,
  region_code char(6) NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('commission','institute','division','hospital','other')),
  population  integer CHECK (population IS NULL OR population >= 0),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_path_idx ON organizations (path text_pattern_ops);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);

-- Roles carry a list of permission codes (see src/platform/access/permissions.ts).
CREATE TABLE roles (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  name_en     text NOT NULL,
  permissions text[] NOT NULL DEFAULT '{}',
  system      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- scope_mode 'own_subtree': the user's organisation and everything under it.
-- scope_mode 'named': the organisations in scope_org_ids, each with everything under it.
CREATE TABLE users (
  id            serial PRIMARY KEY,
  username      text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  org_id        integer NOT NULL REFERENCES organizations(id),
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  scope_mode    text NOT NULL DEFAULT 'own_subtree' CHECK (scope_mode IN ('own_subtree','named')),
  scope_org_ids integer[] NOT NULL DEFAULT '{}',
  phone         text,
  email         text,
  locale        text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN','en')),
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE user_roles (
  user_id   integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role_code text NOT NULL REFERENCES roles(code),
  PRIMARY KEY (user_id, role_code)
);

-- Sessions are looked up by the SHA-256 of the cookie token; the token itself is never stored.
CREATE TABLE sessions (
  id           text PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Failed-login counters, per account ('user:<name>') and per client address ('ip:<addr>').
CREATE TABLE login_throttle (
  key          text PRIMARY KEY,
  failures     integer NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

-- Enforcement staff and their certificates (执法证). A user account is optional: an
-- imported inspector may not log in yet.
CREATE TABLE inspectors (
  id                   serial PRIMARY KEY,
  staff_no             text NOT NULL UNIQUE,
  name                 text NOT NULL,
  org_id               integer NOT NULL REFERENCES organizations(id),
  user_id              integer UNIQUE REFERENCES users(id),
  certificate_no       text,
  certificate_valid_to date,
  specialties          text[] NOT NULL DEFAULT '{}',
  active               boolean NOT NULL DEFAULT true,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspectors_org_idx ON inspectors (org_id);
CREATE UNIQUE INDEX inspectors_certificate_idx ON inspectors (certificate_no) WHERE certificate_no IS NOT NULL;

-- Legacy unified social credit codes (early pilot areas) whose check character fails but
-- which an administrator has accepted one by one (legal-rules.md, "Codes").
CREATE TABLE uscc_exceptions (
  code        text PRIMARY KEY,
  reason      text NOT NULL,
  accepted_by integer REFERENCES users(id),
  accepted_at timestamptz NOT NULL DEFAULT now()
);

-- Working-day calendar. calendar_years lists the years whose official arrangement is
-- loaded; a year absent from it is provisional (weekends only). calendar_days holds the
-- exceptions: holidays on weekdays and make-up working days on weekends.
CREATE TABLE calendar_years (
  year       integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
  source     text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);
CREATE TABLE calendar_days (
  day  date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday','workday')),
  name text NOT NULL
);

-- Per-organisation values of rules marked "local default" (src/core/law/rules.ts).
-- org_id NULL is the platform-wide value; a deeper organisation's value wins.
CREATE TABLE rule_settings (
  id         serial PRIMARY KEY,
  rule_id    text NOT NULL,
  org_id     integer REFERENCES organizations(id),
  value      jsonb NOT NULL,
  note       text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by integer REFERENCES users(id)
);
CREATE UNIQUE INDEX rule_settings_unique ON rule_settings (rule_id, coalesce(org_id, 0));

-- Append-only, hash-chained audit log. hash = SHA-256(prev_hash + canonical JSON of the
-- entry); the triggers below make UPDATE, DELETE and TRUNCATE fail.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  user_id     integer,
  username    text NOT NULL,
  org_id      integer,
  action      text NOT NULL,
  object_type text NOT NULL,
  object_id   text,
  before      jsonb,
  after       jsonb,
  ip          text,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
CREATE INDEX audit_log_user_idx ON audit_log (user_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
