-- Check-item lists (随机抽查事项清单 / 检查事项, modules/checkitems): per entity category,
-- what an inspection checks, how, on which articles of the legal-basis library, and the
-- penalty provision that applies when the item fails. A list is a commission's: an item
-- belongs to an organisation and is read by the users of that organisation's subtree
-- and of its ancestors; the items the platform ships belong to the root commission.
-- Items are never deleted (an inspection record may cite one): they are deactivated.

CREATE TABLE check_items (
  id             serial PRIMARY KEY,
  -- Stable code (GGCS-01): what inspection records and random-inspection plans name.
  code           text NOT NULL UNIQUE,
  org_id         integer NOT NULL REFERENCES organizations(id),
  category       text NOT NULL CHECK (category IN ('public_place','medical_institution','water_supply','school','occupational','disinfection_product','radiation','other')),
  title          text NOT NULL,
  -- How to check: documents to see, what to look at.
  method         text NOT NULL,
  -- [{law, article, paragraph?}]: instrument name and article number in the library;
  -- paragraph is the line of the article (款 or 项) as counted by the library.
  legal_basis    jsonb NOT NULL CHECK (jsonb_typeof(legal_basis) = 'array' AND jsonb_array_length(legal_basis) > 0),
  provision_code text REFERENCES penalty_provisions(code),
  -- In the random-inspection item list (随机抽查事项清单), or for routine inspections only.
  random_list    boolean NOT NULL DEFAULT false,
  sort_order     integer NOT NULL DEFAULT 0,
  active         boolean NOT NULL DEFAULT true,
  source         text NOT NULL CHECK (source IN ('bundled','staff')),
  -- Bumped by every change; check_item_revisions keeps each state.
  revision       integer NOT NULL DEFAULT 1 CHECK (revision > 0),
  created_by     integer REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_by     integer REFERENCES users(id),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX check_items_org_category_idx ON check_items (org_id, category, sort_order);
CREATE INDEX check_items_provision_idx ON check_items (provision_code) WHERE provision_code IS NOT NULL;

-- Every state an item has had: who changed what, when (the audit log records the same
-- writes in its hash chain; this table answers "what did the item say then").
CREATE TABLE check_item_revisions (
  id          serial PRIMARY KEY,
  item_id     integer NOT NULL REFERENCES check_items(id),
  revision    integer NOT NULL CHECK (revision > 0),
  change      text NOT NULL CHECK (change IN ('create','update','deactivate','reactivate')),
  -- The item's fields after the change.
  snapshot    jsonb NOT NULL,
  note        text,
  changed_by  integer REFERENCES users(id),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (item_id, revision)
);
