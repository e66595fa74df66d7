package org.rundbrief.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.rundbrief.mail.MessageBuilder;
import org.rundbrief.mail.OutgoingMail;

/** {@link Postman} over SMTP: one short-lived connection per message (these mails are rare). */
public final class SmtpPostman implements Postman {
    private final MessageBuilder builder;
    private final SmtpServer server;

    public SmtpPostman(Mailer mailer) {
        this.builder = mailer.builder();
        this.server = mailer.server();
    }

    @Override
    public String send(OutgoingMail mail) throws MailFailure {
        try (SmtpConnection connection = new SmtpConnection(server, 1)) {
            MimeMessage msg = builder.build(mail);
            connection.send(msg);
            return msg.getMessageID();
        } catch (MessagingException e) {
            throw new MailFailure("cannot build message: " + e.getMessage(), true, e);
        }
    }
}
