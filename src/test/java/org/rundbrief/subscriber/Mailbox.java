package org.rundbrief.subscriber;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GreenMail on a free port plus helpers to read what arrived. */
public final class Mailbox implements AutoCloseable {
    final GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    /** Sends what waits in the outbox before the mailbox is read (set by the fixture once its app exists). */
    private volatile Runnable beforeReading = () -> { };

    Mailbox() {
        greenMail.start();
    }

    void sendQueuedFirst(Runnable drain) {
        this.beforeReading = drain;
    }

    int port() {
        return greenMail.getSmtp().getPort();
    }

    public List<MimeMessage> messages() {
        beforeReading.run();
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    public List<MimeMessage> to(String address) {
        return messages().stream().filter(m -> GreenMailUtil.getAddressList(uncheck(m)).contains(address)).toList();
    }

    private static jakarta.mail.Address[] uncheck(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address of the message's first recipient. */
    public static String recipient(MimeMessage m) {
        return ((jakarta.mail.internet.InternetAddress) uncheck(m)[0]).getAddress();
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part (decoded). */
    public static String text(MimeMessage m) {
        try {
            var multipart = (jakarta.mail.Multipart) m.getContent();
            return (String) multipart.getBodyPart(0).getContent();
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in the message that starts with {@code prefix}. */
    public static String link(MimeMessage m, String prefix) {
        String body = text(m);
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "[A-Za-z0-9_\\-]+").matcher(body);
        if (!matcher.find()) {
            throw new AssertionError("no link " + prefix + " in:\n" + body);
        }
        return matcher.group();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
