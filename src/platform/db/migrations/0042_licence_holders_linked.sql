-- Applications whose applicant is not yet in the directory, by its unified social credit
-- code: an entity entered later is linked to them (licensing/licences.ts,
-- linkHoldersToEntities), which an import of many entities does for every row.
CREATE INDEX licence_applications_unlinked_uscc_idx ON licence_applications (applicant_uscc)
  WHERE entity_id IS NULL AND applicant_uscc IS NOT NULL;

-- Those entered before the link was made on entering an entity: linked now.
UPDATE licence_applications a SET entity_id = e.id FROM entities e
 WHERE a.entity_id IS NULL AND a.applicant_uscc = e.uscc;
UPDATE licences l SET entity_id = e.id FROM entities e
 WHERE l.entity_id IS NULL AND l.holder_uscc = e.uscc;
