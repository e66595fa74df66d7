package org.rundbrief.admin;

import java.util.Optional;

/**
 * An edit was made on a revision ({@link org.rundbrief.store.Revision}) that is no longer the stored
 * one: somebody saved the post, the member or the edition's texts after the form was opened, and
 * saving (or approving) would silently undo or pass that. Nothing is stored; the message names the
 * stored revision, to save on purpose.
 */
public final class ChangedMeanwhile extends IllegalStateException {
    private final transient Optional<AuditLog.Entry> lastChange;

    /** {@code what}: "article 12"; {@code lastChange}: the audit log's newest entry about it, when it names who saved. */
    ChangedMeanwhile(String what, String revision, Optional<AuditLog.Entry> lastChange) {
        super(what + " was changed after the revision this edit was made on"
                + lastChange.map(e -> " (last saved by " + e.actor() + " at " + e.at() + ")").orElse("")
                + "; its revision is now " + revision
                + ": look at it and send your edit with that revision to replace it");
        this.lastChange = lastChange;
    }

    /** Who saved last, and when; empty when the audit log does not say (e.g. a member changed their own choices). */
    public Optional<AuditLog.Entry> lastChange() {
        return lastChange;
    }
}
