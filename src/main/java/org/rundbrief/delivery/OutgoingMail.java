package org.rundbrief.delivery;

import org.rundbrief.subscriber.EmailAddress;

/**
 * One rendered message for one recipient, before it becomes MIME. Every field is already
 * checked: {@code to} is a parsed address; {@code toName} and {@code subject} may hold any text
 * (the builder encodes them per RFC 2047 and refuses CR/LF). {@code webUrl} may be null.
 */
public record OutgoingMail(EmailAddress to, String toName, String subject, String html, String text,
                           String unsubscribeUrl, String unsubscribeMailto, String webUrl) {}
