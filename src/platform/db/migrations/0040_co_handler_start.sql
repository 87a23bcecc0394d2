-- The day a co-handler's period starts: the assignment day for those named at
-- registration, the day it was added for one the lead unit names later. Its clock and due
-- date count from it.
ALTER TABLE matter_co_handlers ADD COLUMN start_on date;
UPDATE matter_co_handlers ch SET start_on = m.received_on FROM matters m WHERE m.id = ch.matter_id;
ALTER TABLE matter_co_handlers ALTER COLUMN start_on SET NOT NULL;
