package org.rundbrief.admin;

import java.time.Instant;

/**
 * Who drafted an edition on the admin side and, when it needs one, whose approval it has.
 * {@code needsApproval}: drafted by an editor while {@code admin.approval} was on.
 */
public record Approval(String draftedBy, boolean needsApproval, String approvedBy, Instant approvedAt) {
    /** Sending must wait for a publisher's approval. */
    public boolean waiting() {
        return needsApproval && approvedBy == null;
    }
}
