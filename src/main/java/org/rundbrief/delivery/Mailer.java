package org.rundbrief.delivery;

import jakarta.mail.Session;
import org.rundbrief.config.Config;

/** The configured mail session and message builder, shared by the postman and the delivery workers. */
public record Mailer(Session session, MessageBuilder builder) {
    /** Writes the exact MIME message (as it would go over SMTP) to {@code out}, e.g. an .eml file. */
    public void writeEml(OutgoingMail mail, java.io.OutputStream out) throws java.io.IOException {
        try {
            builder.build(mail).writeTo(out);
        } catch (jakarta.mail.MessagingException e) {
            throw new java.io.IOException("cannot build message: " + e.getMessage(), e);
        }
    }

    public static Mailer create(Config config) {
        Session session = MailSessions.create(config.smtp());
        return new Mailer(session, new MessageBuilder(session, config));
    }
}
