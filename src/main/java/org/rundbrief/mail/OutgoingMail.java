package org.rundbrief.mail;


/**
 * One rendered message for one recipient, before it becomes MIME. Every field is already
 * checked: {@code to} is a parsed address; {@code toName} and {@code subject} may hold any text
 * (the builder encodes them per RFC 2047 and refuses CR/LF). {@code webUrl} may be null.
 */
public record OutgoingMail(EmailAddress to, String toName, String subject, MailText htmlPart, MailText textPart,
                           String unsubscribeUrl, String unsubscribeMailto, String webUrl) {
    /** A message whose parts are plain strings, encoded when it is built. */
    public OutgoingMail(EmailAddress to, String toName, String subject, String html, String text,
                        String unsubscribeUrl, String unsubscribeMailto, String webUrl) {
        this(to, toName, subject, MailText.of(html), MailText.of(text), unsubscribeUrl, unsubscribeMailto, webUrl);
    }

    public String html() {
        return htmlPart.toString();
    }

    public String text() {
        return textPart.toString();
    }
}
