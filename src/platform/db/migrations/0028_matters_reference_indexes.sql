-- Indexes for the references into matters and from them: deleting or checking a matter
-- (repeat_of_id, oversight_suggestions.matter_id) or a penalty case (case_id) otherwise
-- reads the whole matters table for each row.
CREATE INDEX matters_repeat_of_idx ON matters (repeat_of_id) WHERE repeat_of_id IS NOT NULL;
CREATE INDEX matters_case_idx ON matters (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX oversight_suggestions_matter_idx ON oversight_suggestions (matter_id) WHERE matter_id IS NOT NULL;
