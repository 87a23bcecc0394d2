-- A petition's review (复查) is answered by the body one level above the one that
-- answered, its re-review (复核) by the body above that (《信访工作条例》第三十五条、第三十六条):
-- review_org_id names the body the review (re-review) went up to, set when the request is
-- registered; NULL when that body is not on the platform (the answering body then records
-- the higher body's opinion). The higher body's to-do list reads it.
ALTER TABLE matters ADD COLUMN review_org_id integer REFERENCES organizations(id);
CREATE INDEX matters_review_org_idx ON matters (review_org_id) WHERE review_org_id IS NOT NULL;

-- Extensions asked for and waiting for the head's approval (details.extensionRequest): the
-- approvers' to-do list finds them without reading every open matter.
CREATE INDEX matters_extension_requested_idx ON matters (org_id, kind)
  WHERE jsonb_typeof(details -> 'extensionRequest') = 'object' AND concluded_on IS NULL;
