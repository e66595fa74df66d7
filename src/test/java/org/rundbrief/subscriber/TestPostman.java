package org.rundbrief.subscriber;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.rundbrief.delivery.MailFailure;
import org.rundbrief.delivery.OutgoingMail;
import org.rundbrief.delivery.Postman;

/** Test-only Postman: plain Jakarta Mail to a local GreenMail SMTP port (until the real SmtpPostman lands). */
final class TestPostman implements Postman {
    private final Session session;

    TestPostman(int port) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        session = Session.getInstance(p);
    }

    @Override
    public String send(OutgoingMail mail) throws MailFailure {
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("news@localhost"));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to().ascii()));
            m.setSubject(mail.subject(), "UTF-8");
            m.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            MimeMultipart alt = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.text(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), "UTF-8", "html");
            alt.addBodyPart(text);
            alt.addBodyPart(html);
            m.setContent(alt);
            Transport.send(m);
            return m.getMessageID();
        } catch (MessagingException e) {
            throw new MailFailure(e.getMessage(), false, e);
        }
    }
}
