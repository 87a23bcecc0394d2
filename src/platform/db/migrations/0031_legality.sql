-- Legality review (合法性审查), fair-competition review (公平竞争审查) and the normative
-- documents register (行政规范性文件) of modules/legality (issue 7).
--
-- One row per item submitted for (or owing) a legality review: a major administrative
-- decision (《重大行政决策程序暂行条例》第二十五条, applied by departments under 第四十二条),
-- a normative document (国办发〔2018〕37号, 〔2018〕115号 合法性审核), a major administrative
-- contract, or another item. Its steps are dated columns: submitted for review, review
-- completed with its result, fair-competition review where it touches the economic
-- activity of businesses (《公平竞争审查条例》第二条、第十八条; 《优化营商环境条例》第六十三条),
-- adopted (通过/签发), issued with its document number (公布/印发, "三统一"), and, for a
-- normative document, its clean-up (清理: retained, revised, repealed, declared invalid).
--
-- An item adopted without a completed review is recorded as it happened (the coverage
-- figure review.coverage measures exactly that); the screens warn instead of refusing.
CREATE TABLE legality_items (
  id                            bigserial PRIMARY KEY,
  item_no                       text NOT NULL UNIQUE,
  org_id                        integer NOT NULL REFERENCES organizations(id),
  kind                          text NOT NULL CHECK (kind IN ('major_decision','normative_doc','major_contract','other')),
  title                         text NOT NULL,
  drafting_unit                 text,
  -- Sent to the legality-review body; null for an item never submitted.
  submitted_on                  date,
  reviewed_on                   date,
  review_result                 text CHECK (review_result IN ('passed','passed_with_changes','failed')),
  review_opinion                text,
  touches_market                boolean NOT NULL DEFAULT false,
  fair_competition_reviewed_on  date,
  fair_competition_passed       boolean,
  adopted_on                    date,
  doc_number                    text,
  issued_on                     date,
  cleaned_on                    date,
  cleanup_action                text CHECK (cleanup_action IN ('retained','revised','repealed','declared_invalid')),
  cleanup_batch                 text,
  -- The furthest step recorded (the lists' 状态 filter reads it).
  status                        text GENERATED ALWAYS AS (
                                  CASE WHEN cleaned_on IS NOT NULL THEN 'cleaned'
                                       WHEN issued_on IS NOT NULL THEN 'issued'
                                       WHEN adopted_on IS NOT NULL THEN 'adopted'
                                       WHEN reviewed_on IS NOT NULL THEN 'reviewed'
                                       WHEN submitted_on IS NOT NULL THEN 'pending'
                                       ELSE 'registered' END) STORED,
  source                        text NOT NULL DEFAULT 'platform' CHECK (source IN ('platform','import')),
  created_by                    integer REFERENCES users(id),
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT legality_review_after_submission CHECK (reviewed_on IS NULL OR (submitted_on IS NOT NULL AND reviewed_on >= submitted_on)),
  CONSTRAINT legality_review_result CHECK ((reviewed_on IS NULL) = (review_result IS NULL)),
  CONSTRAINT legality_fair_competition CHECK ((fair_competition_reviewed_on IS NULL) = (fair_competition_passed IS NULL)
                                              AND (fair_competition_reviewed_on IS NULL OR touches_market)),
  CONSTRAINT legality_issue_after_adoption CHECK (issued_on IS NULL OR (adopted_on IS NOT NULL AND issued_on >= adopted_on)),
  CONSTRAINT legality_cleanup CHECK ((cleaned_on IS NULL) = (cleanup_action IS NULL)
                                     AND (cleaned_on IS NULL OR (kind = 'normative_doc' AND issued_on IS NOT NULL AND cleaned_on >= issued_on)))
);

-- The figures: adopted items of the mandatory kinds (review.coverage), issued items
-- (normative_docs.issued, review.fair_competition_rate), clean-ups (normative_docs.cleaned).
CREATE INDEX legality_items_adopted_idx ON legality_items (org_id, adopted_on) WHERE adopted_on IS NOT NULL;
CREATE INDEX legality_items_issued_idx ON legality_items (org_id, issued_on) WHERE issued_on IS NOT NULL;
CREATE INDEX legality_items_cleaned_idx ON legality_items (org_id, cleaned_on) WHERE cleaned_on IS NOT NULL;
-- The lists: an organisation's items, newest first.
CREATE INDEX legality_items_org_idx ON legality_items (org_id, id DESC);
