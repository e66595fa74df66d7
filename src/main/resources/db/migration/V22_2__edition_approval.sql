-- Who drafted an edition on the admin side, and (with admin.approval: true) who approved it.
-- needs_approval: drafted by an editor while approval was required; such an edition is sent only
-- after approved_by (a publisher or admin other than drafted_by) is set.
CREATE TABLE edition_approval (
    edition_id     BIGINT PRIMARY KEY REFERENCES edition (id) ON DELETE CASCADE,
    drafted_by     VARCHAR(320) NOT NULL,
    needs_approval BOOLEAN      NOT NULL,
    approved_by    VARCHAR(320),
    approved_at    TIMESTAMP WITH TIME ZONE
);
