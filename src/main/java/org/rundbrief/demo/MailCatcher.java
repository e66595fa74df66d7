package org.rundbrief.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rundbrief.web.DevMailbox;

/** The demo's embedded SMTP server (GreenMail on a free loopback port) that keeps every message. */
public final class MailCatcher implements DevMailbox.Source, AutoCloseable {
    private final GreenMail greenMail;

    public MailCatcher() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public List<DevMailbox.Caught> messages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        List<DevMailbox.Caught> out = new ArrayList<>(received.length);
        for (int i = received.length - 1; i >= 0; i--) {
            out.add(caught(i, received[i]));
        }
        return out;
    }

    private static DevMailbox.Caught caught(int index, MimeMessage m) {
        try {
            String html = "";
            String text = "";
            if (m.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart part = mp.getBodyPart(i);
                    if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    } else if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    }
                }
            } else {
                text = GreenMailUtil.getBody(m);
            }
            Instant date = m.getSentDate() == null ? Instant.now() : m.getSentDate().toInstant();
            String to = m.getHeader("To", ", ");
            return new DevMailbox.Caught(index, m.getSubject(), jakarta.mail.internet.MimeUtility.decodeText(to == null ? "" : to),
                    date, html, text);
        } catch (MessagingException | IOException e) {
            return new DevMailbox.Caught(index, "(unreadable message: " + e.getMessage() + ")", "", Instant.now(), "", "");
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
