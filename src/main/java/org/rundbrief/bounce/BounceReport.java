package org.rundbrief.bounce;

import java.util.List;

/**
 * What one message in the bounce mailbox says. {@code recipient} is the address that failed or
 * complained, as the report names it (null when it names none); {@code returnPaths} are the
 * addresses the report was sent to or quotes as the original's envelope sender, where our VERP
 * token is found; {@code status} (RFC 3463, e.g. 5.1.1) and {@code diagnostic} may be null.
 */
record BounceReport(Type type, String recipient, String status, String diagnostic, List<String> returnPaths) {
    enum Type {
        /** The address is gone for good (5.1.x, 5.2.1, ...). */
        HARD,
        /** Failed this time: mailbox full, policy, a server down. Counted. */
        SOFT,
        /** A spam complaint (RFC 5965 feedback report). */
        COMPLAINT,
        /** An out-of-office reply or a delay warning: nothing to do. */
        AUTO_REPLY,
        /** Not a report this reader understands: left in the mailbox. */
        UNRELATED
    }

    static BounceReport unrelated() {
        return new BounceReport(Type.UNRELATED, null, null, null, List.of());
    }
}
