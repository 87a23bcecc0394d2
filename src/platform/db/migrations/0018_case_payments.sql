-- Paying a fine (modules/cases/payments.ts). An approved instalment or deferral plan
-- (行政处罚法 art. 66) is kept instalment by instalment, and every payment is a row with
-- the fine it pays and the late-payment surcharge it pays (加处罚款, art. 72) kept apart:
-- penalty_cases.paid_yuan stays the fine paid (the enforcement metrics read it) and
-- paid_on the day the fine was paid in full. Payments cover the instalments in due
-- order; where each instalment stands is computed when the case is read.
CREATE TABLE case_instalments (
  case_id      integer NOT NULL REFERENCES penalty_cases(id),
  no           integer NOT NULL CHECK (no > 0),
  due_on       date NOT NULL,
  amount_yuan  numeric(14,2) NOT NULL CHECK (amount_yuan > 0),
  -- The day the plan was approved (the same on every instalment of the plan).
  approved_on  date NOT NULL,
  PRIMARY KEY (case_id, no)
);

CREATE TABLE case_payments (
  id              serial PRIMARY KEY,
  case_id         integer NOT NULL REFERENCES penalty_cases(id),
  paid_on         date NOT NULL,
  fine_yuan       numeric(14,2) NOT NULL CHECK (fine_yuan >= 0),
  surcharge_yuan  numeric(14,2) NOT NULL DEFAULT 0 CHECK (surcharge_yuan >= 0),
  recorded_by     integer REFERENCES users(id),
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_payments_case_idx ON case_payments (case_id, paid_on, id);
-- enforcement.fines.collected sums payments by their date.
CREATE INDEX case_payments_paid_idx ON case_payments (paid_on);

-- Payments recorded before this table: the fine paid in full on paid_on.
INSERT INTO case_payments (case_id, paid_on, fine_yuan)
  SELECT id, paid_on, paid_yuan FROM penalty_cases WHERE paid_on IS NOT NULL AND paid_yuan IS NOT NULL;
