-- Who plans an edition, and until when (a lease renewed with every window of subscribers): an
-- edition left in state planning by a node that died is taken over by serve's resumer once the
-- lease ran out, and two nodes never plan one edition at once. NULL: nobody (editions planned
-- before this column, or planned to the end).
ALTER TABLE edition ADD COLUMN planning_owner VARCHAR(64);
ALTER TABLE edition ADD COLUMN planning_until TIMESTAMP WITH TIME ZONE;
