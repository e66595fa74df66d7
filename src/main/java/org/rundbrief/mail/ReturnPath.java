package org.rundbrief.mail;

/**
 * The envelope sender (RFC 5321 MAIL FROM) of a message, from its bounce reference
 * ({@link OutgoingMail#bounceReference}, null when it has none): where the receiving side sends
 * its delivery reports. Null: the From address, as a mail client would.
 */
@FunctionalInterface
public interface ReturnPath {
    /** Bounces go to the From address. */
    ReturnPath FROM = reference -> null;

    String of(BounceReference reference);
}
