package org.rundbrief.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short fingerprint of a stored row's editable state, for edits made in a form that was opened
 * earlier: the form carries the revision it showed, and a save whose revision is no longer the
 * stored one would undo what somebody else saved meanwhile. Equal states give equal revisions.
 */
public final class Revision {
    private Revision() {}

    /** The revision of the state made of {@code parts} (in this order; nulls count as such). */
    public static String of(Object... parts) {
        StringBuilder state = new StringBuilder();
        for (Object part : parts) {
            state.append(part == null ? "\u0001" : part.toString()).append('\u0000');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(state.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
