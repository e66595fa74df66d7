-- Who saved a post, a member or an edition last (AuditLog.latestOf, read when two edits collide):
-- found by its target at once, however long the log (failed API token attempts are audited too).
CREATE INDEX admin_audit_target ON admin_audit (target, id);
