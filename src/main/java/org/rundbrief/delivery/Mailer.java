package org.rundbrief.delivery;

import jakarta.mail.Session;
import org.rundbrief.config.Config;

/** The configured mail session and message builder, shared by the postman and the delivery workers. */
public record Mailer(Session session, MessageBuilder builder) {
    public static Mailer create(Config config) {
        Session session = MailSessions.create(config.smtp());
        return new Mailer(session, new MessageBuilder(session, config));
    }
}
