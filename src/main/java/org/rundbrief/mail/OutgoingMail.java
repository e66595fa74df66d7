package org.rundbrief.mail;


/**
 * One rendered message for one recipient, before it becomes MIME. Every field is already
 * checked: {@code to} is a parsed address; {@code toName} and {@code subject} may hold any text
 * (the builder encodes them per RFC 2047 and refuses CR/LF). {@code webUrl} may be null.
 * {@code campaign} names what the message belongs to (Feedback-ID, Auto-Submitted);
 * {@code bounceReference} (null: none) is what its bounces carry back to us in the envelope
 * sender (VERP), e.g. the delivery it is for.
 */
public record OutgoingMail(EmailAddress to, String toName, String subject, MailText htmlPart, MailText textPart,
                           String unsubscribeUrl, String unsubscribeMailto, String webUrl, Campaign campaign,
                           BounceReference bounceReference) {
    public OutgoingMail {
        campaign = campaign == null ? Campaign.NONE : campaign;
    }

    /** A message without campaign and bounce reference. */
    public OutgoingMail(EmailAddress to, String toName, String subject, MailText htmlPart, MailText textPart,
                        String unsubscribeUrl, String unsubscribeMailto, String webUrl) {
        this(to, toName, subject, htmlPart, textPart, unsubscribeUrl, unsubscribeMailto, webUrl, Campaign.NONE, null);
    }

    /** A message whose parts are plain strings, encoded when it is built. */
    public OutgoingMail(EmailAddress to, String toName, String subject, String html, String text,
                        String unsubscribeUrl, String unsubscribeMailto, String webUrl) {
        this(to, toName, subject, MailText.of(html), MailText.of(text), unsubscribeUrl, unsubscribeMailto, webUrl);
    }

    public OutgoingMail withCampaign(Campaign c) {
        return new OutgoingMail(to, toName, subject, htmlPart, textPart, unsubscribeUrl, unsubscribeMailto, webUrl, c,
                bounceReference);
    }

    public OutgoingMail withBounceReference(BounceReference reference) {
        return new OutgoingMail(to, toName, subject, htmlPart, textPart, unsubscribeUrl, unsubscribeMailto, webUrl,
                campaign, reference);
    }

    public String html() {
        return htmlPart.toString();
    }

    public String text() {
        return textPart.toString();
    }
}
