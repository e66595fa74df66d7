-- When planning an edition ended (all its deliveries queued). An edition paused while it was
-- still being planned stays paused when planning ends; if the process died before that, the
-- missing planned_at tells the resume to finish planning first: its later subscribers would
-- otherwise have got the articles only with the next edition.
ALTER TABLE edition ADD COLUMN planned_at TIMESTAMP WITH TIME ZONE;
-- Earlier editions past planning count as planned (whether a paused one was cut off is unknown).
UPDATE edition SET planned_at = created_at WHERE status <> 'planning';
